package dev.couplinglab.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to run, from the command line: {@code [--quick] [--rates 100,250,...] [--cold-rates
 * 50,100,200] [--sync-p99-ms 50] [--async-e2e-p99-ms 250] [--only cold,warm,tracing,overload]
 * [--tracing-rate N] [--overload-rate N] [--out file] [--work dir] [--home dir]}. Full mode takes
 * 30 to 50 minutes; {@code --quick} about two.
 */
record BenchOptions(
    boolean quick,
    Counts counts,
    List<Integer> rates,
    List<Integer> coldRates,
    RateSearch.Limits limits,
    Path home,
    Path out,
    Path workRoot,
    Set<String> only,
    int tracingRate,
    int overloadRate) {

  static final String COLD = "cold";
  static final String WARM = "warm";
  static final String TRACING = "tracing";
  static final String OVERLOAD = "overload";

  /** The parts {@code --only} can run alone: each builds its own clusters. */
  static final Set<String> ONLY = Set.of(COLD, WARM, TRACING, OVERLOAD);

  /**
   * How many calls warm up and are measured in each phase, how long a load step lasts, how long the
   * cold load lasts and the slices it is shown in, and the most the JIT warm-up may take.
   */
  record Counts(
      int grpcWarmUp,
      int grpcMeasured,
      int kafkaWarmUp,
      int kafkaMeasured,
      int commitWarmUp,
      int commitMeasured,
      int unloadedWarmUp,
      int unloadedMeasured,
      Duration step,
      Duration coldLoad,
      Duration coldSlice,
      Duration warmUpCap,
      Duration tracingStep,
      Duration overload,
      Duration recovery) {
    static final Counts FULL =
        new Counts(
            20_000,
            20_000,
            2000,
            5000,
            2000,
            5000,
            2000,
            5000,
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            Duration.ofMinutes(6),
            Duration.ofSeconds(20),
            Duration.ofSeconds(20),
            Duration.ofSeconds(30));
    static final Counts QUICK =
        new Counts(
            2000,
            2000,
            200,
            500,
            200,
            500,
            100,
            300,
            Duration.ofSeconds(3),
            Duration.ofSeconds(15),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
  }

  static final List<Integer> LADDER =
      List.of(25, 50, 100, 250, 500, 750, 1000, 1250, 1500, 2000, 3000, 4000);

  /** The cold cluster's rates per style, each on a fresh cluster; {@code --quick} runs one. */
  static final List<Integer> COLD_RATES = List.of(50, 100, 200);

  static final List<Integer> QUICK_COLD_RATES = List.of(100);

  static final String USAGE =
      "usage: bench [--quick] [--rates 100,250,...] [--cold-rates 50,100,200] [--sync-p99-ms 50]"
          + " [--async-e2e-p99-ms 250] [--only cold,warm,tracing,overload] [--tracing-rate N]"
          + " [--overload-rate N] [--out <file.json>] [--work <dir>] [--home <repo>]";

  /** Parses {@code args}; throws IllegalArgumentException with a one-line message on bad usage. */
  static BenchOptions parse(String[] args) {
    boolean quick = false;
    List<Integer> rates = LADDER;
    List<Integer> coldRates = null;
    double syncLimit = RateSearch.Limits.DEFAULT.syncP99Micros();
    double asyncLimit = RateSearch.Limits.DEFAULT.asyncEndToEndP99Micros();
    Path home = null;
    Path out = null;
    Path work = null;
    Set<String> only = Set.of();
    int tracingRate = 0;
    int overloadRate = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--rates" -> rates = rates(value(args, ++i, "--rates"), "--rates");
        case "--cold-rates" -> coldRates = rates(value(args, ++i, "--cold-rates"), "--cold-rates");
        case "--sync-p99-ms" -> syncLimit = millis(value(args, ++i, "--sync-p99-ms")) * 1000;
        case "--async-e2e-p99-ms" ->
            asyncLimit = millis(value(args, ++i, "--async-e2e-p99-ms")) * 1000;
        case "--only" -> only = only(value(args, ++i, "--only"));
        case "--tracing-rate" ->
            tracingRate = rates(value(args, ++i, "--tracing-rate"), "--tracing-rate").get(0);
        case "--overload-rate" ->
            overloadRate = rates(value(args, ++i, "--overload-rate"), "--overload-rate").get(0);
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--work" -> work = Path.of(value(args, ++i, "--work"));
        case "--home" -> home = Path.of(value(args, ++i, "--home"));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    home = home != null ? home : detectHome();
    if (!Files.isDirectory(home.resolve("order-service"))) {
      throw new IllegalArgumentException(home + " is not the repository (no order-service/)");
    }
    out = out != null ? out : home.resolve("bench/target/bench-result.json");
    work = work != null ? work : home.resolve("bench/target/bench-run");
    return new BenchOptions(
        quick,
        quick ? Counts.QUICK : Counts.FULL,
        rates,
        coldRates != null ? coldRates : quick ? QUICK_COLD_RATES : COLD_RATES,
        new RateSearch.Limits(syncLimit, asyncLimit),
        home,
        out,
        work,
        only,
        tracingRate,
        overloadRate);
  }

  private static Set<String> only(String csv) {
    Set<String> parts = new TreeSet<>();
    for (String part : csv.split(",")) {
      if (!ONLY.contains(part.trim())) {
        throw new IllegalArgumentException(
            "--only: expected some of cold, warm, tracing, overload, got " + csv);
      }
      parts.add(part.trim());
    }
    return Set.copyOf(parts);
  }

  /** Whether this run includes {@code part}: every part unless {@code --only} names some. */
  boolean runs(String part) {
    return only.isEmpty() || only.contains(part);
  }

  String mode() {
    String mode = quick ? "quick" : "full";
    return only.isEmpty() ? mode : mode + ", only " + String.join(",", new TreeSet<>(only));
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static double millis(String text) {
    try {
      double ms = Double.parseDouble(text);
      if (ms > 0) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected a positive number of milliseconds, got " + text);
  }

  private static List<Integer> rates(String csv, String flag) {
    List<Integer> rates = new ArrayList<>();
    for (String part : csv.split(",")) {
      try {
        int rate = Integer.parseInt(part.trim());
        if (rate <= 0) {
          throw new NumberFormatException();
        }
        rates.add(rate);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": expected positive integers, got " + csv);
      }
    }
    return List.copyOf(rates);
  }

  /** The repository holding this jar (bench/target/bench.jar) or these classes. */
  private static Path detectHome() {
    try {
      Path here =
          Path.of(BenchOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = here; dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir.resolve("order-service"))
            && Files.isDirectory(dir.resolve("local-kafka"))) {
          return dir;
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }
}
