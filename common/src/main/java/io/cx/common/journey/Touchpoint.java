package io.cx.common.journey;

/** A point of contact the customer rates, inside one stage. */
public record Touchpoint(String id, String name) {}
