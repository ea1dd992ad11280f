package dev.couplinglab.experiment;

/** One expectation of the experiment file, what the run showed, and whether it held. */
public record ExpectationResult(String name, String expected, String actual, boolean passed) {}
