package dev.couplinglab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a process's CPU went, from a JFR recording: the share of execution samples per thread
 * (numbers in thread names folded, so the 16 gRPC threads count as one line) and per part of the
 * code. A sample counts for the part of the first frame, from the top of its stack, that is not the
 * JDK's: a {@code HashMap.get} called by the Kafka client is the Kafka client's time. Only Java
 * code is sampled: time in native code (SQLite's C library, system calls such as a log write) is
 * not in these shares.
 *
 * <pre>
 * JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=filename=bench/target/jfr/ \
 *     java -jar bench/target/bench.jar --rates 400,400,400
 * java -cp bench/target/bench.jar dev.couplinglab.bench.JfrProfile bench/target/jfr/*.jfr \
 *     [--from 2026-11-27T10:41:02Z --to 2026-11-27T10:42:40Z]
 * </pre>
 *
 * The benchmark prints the window of its load steps; without one, every sample counts.
 */
public final class JfrProfile {

  /** Parts of the code, by the package a stack frame's class is in. */
  private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("Kafka (client or broker)", List.of("org.apache.kafka.", "kafka."));
    PARTS.put("gRPC and Netty", List.of("io.grpc.", "io.perfmark."));
    PARTS.put("SQLite (its JDBC layer)", List.of("org.sqlite."));
    PARTS.put("Logback", List.of("ch.qos.logback."));
    PARTS.put("protobuf", List.of("com.google.protobuf."));
    PARTS.put("Coupling Lab code", List.of("dev.couplinglab."));
  }

  private static final String OTHER = "the JDK alone, or other libraries";

  private JfrProfile() {}

  /**
   * The part of the first frame from the top that is not the JDK's. {@code io.grpc.Context} is
   * gRPC's but runs our Kafka handlers too (it carries the trace id), so it does not count.
   */
  static String partOf(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("io.grpc.Context")) {
        continue;
      }
      for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
        if (part.getValue().stream().anyMatch(type::startsWith)) {
          return part.getKey();
        }
      }
    }
    return OTHER;
  }

  public static void main(String[] args) throws IOException {
    List<Path> files = new ArrayList<>();
    Instant from = Instant.MIN;
    Instant to = Instant.MAX;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--from" -> from = Instant.parse(args[++i]);
          case "--to" -> to = Instant.parse(args[++i]);
          default -> files.add(Path.of(args[i]));
        }
      }
    } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
      files.clear();
    }
    if (files.isEmpty()) {
      System.err.println(
          "usage: JfrProfile <recording.jfr>... [--from <instant> --to <instant>]"
              + " (instants like 2026-11-27T10:41:02Z)");
      System.exit(2);
    }
    for (Path file : files) {
      print(file, from, to);
    }
  }

  /** Samples in one recording: the JVM's arguments, and counts by thread and by part. */
  record Summary(
      String command, int samples, Map<String, Integer> threads, Map<String, Integer> parts) {}

  static Summary summarize(Path file, Instant from, Instant to) throws IOException {
    Map<String, Integer> threads = new TreeMap<>();
    Map<String, Integer> parts = new LinkedHashMap<>();
    PARTS.keySet().forEach(part -> parts.put(part, 0));
    parts.put(OTHER, 0);
    String command = "?";
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      String type = event.getEventType().getName();
      if (type.equals("jdk.JVMInformation")) {
        command = event.getString("javaArguments");
      }
      if (!type.equals("jdk.ExecutionSample")
          || event.getStartTime().isBefore(from)
          || event.getStartTime().isAfter(to)
          || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      String thread = event.getThread("sampledThread").getJavaName();
      threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1, Integer::sum);
      parts.merge(partOf(event.getStackTrace().getFrames()), 1, Integer::sum);
    }
    return new Summary(command, samples, threads, parts);
  }

  private static void print(Path file, Instant from, Instant to) throws IOException {
    Summary summary = summarize(file, from, to);
    System.out.printf(
        "%s%n  java %s%n  %d execution samples%n", file, summary.command(), summary.samples());
    int total = Math.max(summary.samples(), 1);
    System.out.println("  by thread:");
    summary.threads().entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(8)
        .forEach(
            t ->
                System.out.printf(
                    Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * t.getValue() / total, t.getKey()));
    System.out.println(
        "  by part of the code (the first frame from the top that is not the JDK's):");
    summary
        .parts()
        .forEach(
            (part, n) ->
                System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * n / total, part));
  }
}
