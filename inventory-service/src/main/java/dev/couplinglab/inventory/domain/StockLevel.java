package dev.couplinglab.inventory.domain;

/** The stock of one SKU: what can still be reserved and what is held by reservations. */
public record StockLevel(String sku, String name, int available, int reserved) {}
