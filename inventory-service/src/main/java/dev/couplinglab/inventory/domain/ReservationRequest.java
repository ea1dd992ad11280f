package dev.couplinglab.inventory.domain;

/** What a caller asks for, the same whether it came over gRPC or in an OrderPlaced event. */
public record ReservationRequest(String orderId, String sku, int quantity) {}
