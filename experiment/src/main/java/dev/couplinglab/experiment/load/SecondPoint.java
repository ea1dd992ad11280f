package dev.couplinglab.experiment.load;

/**
 * One second of one style's time series. Latency percentiles are of the requests SENT (intended) in
 * that second, in microseconds (-1 when none); completions and errors are counted in the second
 * they happened; in-flight is the peak number of unanswered PlaceOrder calls during the second.
 */
public record SecondPoint(
    int second,
    long sent,
    long completions,
    long errors,
    long acceptP50Micros,
    long acceptP99Micros,
    long endToEndP50Micros,
    long endToEndP99Micros,
    int peakInFlight) {}
