package dev.couplinglab.experiment;

/** Where the three services answer gRPC, each as "host:port". */
public record Addresses(String order, String inventory, String notification) {}
