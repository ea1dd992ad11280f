package dev.couplinglab.lab.experiments;

import dev.couplinglab.experiment.Progress;
import dev.couplinglab.experiment.model.RunStyle;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * One line on stderr, redrawn in place on a terminal ({@code [#####.....] 32/60 s sync 6400 sent 0
 * err async 6400 sent 0 err}); elsewhere (a log, a pipe) one line every 5 s and per phase.
 */
public final class ProgressBar implements Progress.Listener {

  private static final int WIDTH = 10;
  private static final long PLAIN_EVERY_MS = 5000;

  private final PrintWriter err;
  private final boolean inPlace;
  private long lastPlainMs = -PLAIN_EVERY_MS;
  private int lastLength;
  private Progress.Phase lastPhase;
  private boolean open;
  private Progress lastLoad;

  public ProgressBar(PrintWriter err, boolean inPlace) {
    this.err = err;
    this.inPlace = inPlace;
  }

  @Override
  public synchronized void onProgress(Progress p) {
    if (p.phase() == Progress.Phase.LOAD) {
      lastLoad = p;
      String line = line(p);
      if (inPlace) {
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
        open = true;
      } else if (p.elapsedMillis() - lastPlainMs >= PLAIN_EVERY_MS
          || p.elapsedMillis() >= p.totalMillis()) {
        if (p.elapsedMillis() != lastPlainMs) {
          err.println(line);
        }
        lastPlainMs = p.elapsedMillis();
      }
      return;
    }
    if (p.phase() == lastPhase) {
      return;
    }
    lastPhase = p.phase();
    if (!inPlace && lastLoad != null && lastLoad.elapsedMillis() != lastPlainMs) {
      // The load's last numbers, which the 5 s rhythm may have skipped.
      err.println(line(lastLoad));
      lastPlainMs = lastLoad.elapsedMillis();
    }
    String what =
        switch (p.phase()) {
          case WARMUP -> "warming up: the same load, not counted";
          case RECOVERY -> "load sent; waiting for accepted orders to become final";
          case LEDGER -> "checking the ledger";
          case REPORT -> "writing the report";
          default -> "";
        };
    finish();
    if (!what.isEmpty()) {
      err.println(what);
    }
  }

  /** Ends the line redrawn in place, if one is open. */
  public synchronized void finish() {
    if (open) {
      err.println();
      open = false;
      lastLength = 0;
    }
  }

  static String line(Progress p) {
    double share =
        p.totalMillis() <= 0 ? 1 : Math.min(1, (double) p.elapsedMillis() / p.totalMillis());
    int filled = (int) Math.round(share * WIDTH);
    StringBuilder line = new StringBuilder("[");
    line.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    line.append(p.elapsedMillis() / 1000).append('/').append(p.totalMillis() / 1000).append(" s");
    for (Map.Entry<RunStyle, Progress.StyleProgress> e : p.styles().entrySet()) {
      line.append(
          String.format(
              Locale.ROOT,
              "  %s %d sent %d err",
              e.getKey().text(),
              e.getValue().sent(),
              e.getValue().errors()));
    }
    if (!p.activeFaults().isEmpty()) {
      line.append("  fault: ").append(String.join(", ", p.activeFaults()));
    }
    return line.toString();
  }
}
