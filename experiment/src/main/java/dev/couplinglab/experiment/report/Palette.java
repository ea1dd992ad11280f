package dev.couplinglab.experiment.report;

/**
 * The colours every picture of the two styles uses (report charts, trace timelines, and any page
 * that draws them beside the reports), so a style is the same colour wherever a reader meets it.
 * Okabe-Ito colours, told apart by colour-blind readers too.
 */
public final class Palette {

  public static final String SYNC = "#0072b2";
  public static final String ASYNC = "#d55e00";
  public static final String ASYNC_ACCEPT = "#009e73";
  public static final String SYNC_ERRORS = "#56b4e9";
  public static final String ASYNC_ERRORS = "#e69f00";

  /** The shading of a fault's window. */
  public static final String FAULT = "#999999";

  /** The offered rate of a phased load: black, behind the styles' colours. */
  public static final String OFFERED = "#000000";

  private Palette() {}
}
