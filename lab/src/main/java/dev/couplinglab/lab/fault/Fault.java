package dev.couplinglab.lab.fault;

import java.time.Instant;

/**
 * One applied fault: which part, what, since when, and a detail to check it against reality (the
 * pid for a signal, the port for an iptables rule, the container for compose).
 */
public record Fault(String part, FaultKind kind, Instant since, String detail) {}
