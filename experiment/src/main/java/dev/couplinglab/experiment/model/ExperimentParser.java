package dev.couplinglab.experiment.model;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an experiment file (YAML, safe constructor: plain maps, lists and scalars only) into an
 * {@link Experiment}. Every field is checked; the first problem stops parsing with one line naming
 * the field. Unknown fields are refused so a typo never falls back to a default.
 */
public final class ExperimentParser {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final Duration MAX_RUN = Duration.ofHours(1);

  private ExperimentParser() {}

  public static Experiment read(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (ExperimentException e) {
      throw new ExperimentException(file.getFileName() + ": " + e.getMessage());
    }
  }

  public static Experiment parse(String yaml) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new ExperimentException("not valid YAML: " + first);
    }
    Fields top =
        Fields.of("", root)
            .allowOnly(
                Set.of(
                    "name",
                    "description",
                    "load",
                    "timeline",
                    "resilience",
                    "recovery",
                    "expectations"));
    String name = top.requiredString("name");
    if (!NAME.matcher(name).matches()) {
      throw new ExperimentException("name: must be 1 to 64 of [A-Za-z0-9._-], was '" + name + "'");
    }
    LoadSpec load = load(Fields.of("load", top.raw("load")));
    Fields recovery = Fields.of("recovery", top.raw("recovery")).allowOnly(Set.of("timeout"));
    return new Experiment(
        name,
        top.string("description", ""),
        load,
        timeline(top.list("timeline")),
        resilience(Fields.of("resilience", top.raw("resilience"))),
        recovery.duration("timeout", Experiment.DEFAULT_RECOVERY_TIMEOUT),
        expectations(Fields.of("expectations", top.raw("expectations"))));
  }

  private static LoadSpec load(Fields f) {
    f.allowOnly(Set.of("rate", "duration", "styles", "sku", "quantity", "deadline"));
    Rate rate = f.has("rate") ? rate(f) : new Rate.Fixed(50);
    List<RunStyle> styles = new ArrayList<>();
    List<?> raw = f.has("styles") ? f.list("styles") : List.of("sync", "async");
    for (Object s : raw) {
      styles.add(
          RunStyle.fromText(String.valueOf(s))
              .orElseThrow(
                  () ->
                      new ExperimentException(
                          "load.styles: expected sync and/or async, got '" + s + "'")));
    }
    return check(
        new LoadSpec(
            rate,
            f.duration("duration", Duration.ofSeconds(60)),
            styles,
            f.string("sku", "SKU-APPLE"),
            f.integer("quantity", 1, Integer.MIN_VALUE, Integer.MAX_VALUE),
            f.duration("deadline", LoadSpec.DEFAULT_DEADLINE)));
  }

  /**
   * Checks a load however it was made, from a file or typed options ({@code lab load}): the same
   * ranges and the same one-line messages, naming the file's field.
   *
   * @return {@code load}, with its styles as an unmodifiable list
   * @throws ExperimentException naming the first field out of range
   */
  public static LoadSpec check(LoadSpec load) {
    Duration duration = load.duration();
    if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_RUN) > 0) {
      throw new ExperimentException("load.duration: must be from 1ms to 60m");
    }
    RatePhases.check(load.rateSpec(), duration);
    if (load.styles().isEmpty()) {
      throw new ExperimentException("load.styles: must list sync, async or both");
    }
    for (RunStyle style : load.styles()) {
      if (load.styles().indexOf(style) != load.styles().lastIndexOf(style)) {
        throw new ExperimentException("load.styles: '" + style.text() + "' is listed twice");
      }
    }
    if (load.quantity() < 1 || load.quantity() > 1000) {
      throw new ExperimentException(
          "load.quantity: must be from 1 to 1000, was " + load.quantity());
    }
    if (load.deadline().isZero() || load.deadline().isNegative()) {
      throw new ExperimentException("load.deadline: must be at least 1ms");
    }
    return new LoadSpec(
        load.rateSpec(),
        duration,
        List.copyOf(load.styles()),
        load.sku(),
        load.quantity(),
        load.deadline());
  }

  /** A number, a share, or {@code {phases: [...]}} (see {@link RatePhases}). */
  private static Rate rate(Fields load) {
    Object raw = load.raw("rate");
    if (raw instanceof Map) {
      return RatePhases.parse(Fields.of(load.name("rate"), raw));
    }
    return Rate.parse(load.name("rate"), raw);
  }

  private static List<FaultStep> timeline(List<?> steps) {
    List<FaultStep> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      out.add(step(Fields.of("timeline[" + i + "]", steps.get(i))));
    }
    return out;
  }

  private static FaultStep step(Fields f) {
    f.allowOnly(
        Set.of(
            "at", "fault", "target", "for", "method", "fixed", "jitter", "code", "rate", "delay",
            "topic", "count", "peer"));
    String text = f.requiredString("fault");
    if (text.equals(FaultKind.OVERLOAD.text())) {
      throw new ExperimentException(
          f.name("fault")
              + ": an overload is made by the load, not the timeline: mark a phase of"
              + " load.rate.phases with overload: true");
    }
    FaultKind kind =
        FaultKind.fromText(text)
            .orElseThrow(
                () ->
                    new ExperimentException(
                        f.name("fault")
                            + ": unknown fault '"
                            + text
                            + "' (expected one of "
                            + FaultKind.allTexts()
                            + ")"));
    String target = f.requiredString("target");
    if (!TARGET.matcher(target).matches()) {
      throw new ExperimentException(
          f.name("target") + ": expected a service or broker name like inventory-service");
    }
    Duration lasting = f.duration("for", null);
    if (kind.isInstant() && lasting != null) {
      throw new ExperimentException(f.name("for") + ": " + text + " happens once, drop 'for'");
    }
    if (lasting != null && lasting.isZero()) {
      throw new ExperimentException(f.name("for") + ": must be at least 1ms");
    }
    String code = kind == FaultKind.ERROR ? statusCode(f) : null;
    return new FaultStep(
        f.requiredDuration("at"),
        kind,
        target,
        lasting,
        onlyFor(f, kind, "method", FaultKind.LATENCY, FaultKind.ERROR)
            ? f.string("method", null)
            : null,
        onlyFor(f, kind, "fixed", FaultKind.LATENCY) ? f.requiredDuration("fixed") : null,
        onlyFor(f, kind, "jitter", FaultKind.LATENCY) ? f.duration("jitter", null) : null,
        code,
        onlyFor(f, kind, "rate", FaultKind.ERROR) ? f.number("rate", 1.0, 0.001, 1.0) : null,
        onlyFor(f, kind, "delay", FaultKind.SLOW_CONSUMER) ? f.requiredDuration("delay") : null,
        onlyFor(
                f,
                kind,
                "topic",
                FaultKind.SLOW_CONSUMER,
                FaultKind.STALL_CONSUMER,
                FaultKind.POISON)
            ? f.string("topic", null)
            : null,
        onlyFor(f, kind, "count", FaultKind.POISON) ? f.integer("count", 1, 1, 10_000) : null,
        onlyFor(f, kind, "peer", FaultKind.PARTITION) ? peer(f) : null);
  }

  /** True when {@code key} belongs to {@code kind}; refuses it when set on another kind. */
  private static boolean onlyFor(Fields f, FaultKind kind, String key, FaultKind... kinds) {
    boolean applies = List.of(kinds).contains(kind);
    if (!applies && f.has(key)) {
      throw new ExperimentException(
          f.name(key) + ": does not apply to fault '" + kind.text() + "'");
    }
    return applies;
  }

  private static String peer(Fields f) {
    String peer = f.string("peer", null);
    if (peer != null && !TARGET.matcher(peer).matches()) {
      throw new ExperimentException(
          f.name("peer") + ": expected a service or broker name like order-service");
    }
    return peer;
  }

  private static String statusCode(Fields f) {
    String code = f.requiredString("code");
    try {
      Status.Code parsed = Status.Code.valueOf(code);
      if (parsed == Status.Code.OK) {
        throw new IllegalArgumentException();
      }
      return parsed.name();
    } catch (IllegalArgumentException e) {
      throw new ExperimentException(
          f.name("code") + ": expected a gRPC status name like UNAVAILABLE, got '" + code + "'");
    }
  }

  private static ResilienceSettings resilience(Fields f) {
    f.allowOnly(
        Set.of("deadline", "max_attempts", "circuit_breaker", "bulkhead", "repair", "entry_pool"));

    ResilienceSettings d = ResilienceSettings.defaults();
    Duration deadline = f.duration("deadline", d.deadline());
    if (deadline.isZero()) {
      throw new ExperimentException("resilience.deadline: must be at least 1ms");
    }
    return new ResilienceSettings(
        deadline,
        f.integer("max_attempts", d.maxAttempts(), 1, 10),
        f.flag("circuit_breaker", d.circuitBreaker()),
        f.integer("bulkhead", d.bulkhead(), 0, 10_000),
        repair(f, d.repair()),
        entryPoolShared(f, d.sharedEntryPool()));
  }

  private static ResilienceSettings.Repair repair(Fields f, ResilienceSettings.Repair fallback) {
    String text = f.string("repair", fallback.text());
    for (ResilienceSettings.Repair r : ResilienceSettings.Repair.values()) {
      if (r.text().equals(text.toLowerCase(java.util.Locale.ROOT))) {
        return r;
      }
    }
    throw new ExperimentException(
        f.name("repair") + ": expected none or durable, got '" + text + "'");
  }

  private static boolean entryPoolShared(Fields f, boolean byDefault) {
    if (!f.has("entry_pool")) {
      return byDefault;
    }
    String value = f.string("entry_pool", "");
    return switch (value) {
      case "per-style" -> false;
      case "shared" -> true;
      default ->
          throw new ExperimentException(
              f.name("entry_pool") + ": expected per-style or shared, got '" + value + "'");
    };
  }

  private static Expectations expectations(Fields f) {
    f.allowOnly(
        Set.of(
            "sync_errors_during_fault",
            "async_accept_errors",
            "ledger_clean",
            "healthy_sync_p99",
            "healthy_async_p99",
            "status_during_fault",
            "recovered_within"));
    Integer asyncErrors =
        f.has("async_accept_errors")
            ? f.integer("async_accept_errors", 0, 0, Integer.MAX_VALUE)
            : null;
    return new Expectations(
        f.flag("sync_errors_during_fault", null),
        asyncErrors,
        f.flag("ledger_clean", null),
        f.duration("healthy_sync_p99", null),
        f.duration("healthy_async_p99", null),
        StatusShares.parse(f, "status_during_fault"),
        f.duration("recovered_within", null));
  }
}
