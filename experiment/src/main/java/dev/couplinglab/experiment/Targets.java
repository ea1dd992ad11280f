package dev.couplinglab.experiment;

/** Where the three services answer gRPC, as "host:port". */
public record Targets(String order, String inventory, String notification) {}
