package kuzet.agent.hardware;

/** A part of the post that is missing or failing ({@code gpio}, {@code gpio.panic}, {@code i2c}, ...), and why. */
public record HardwareFault(String part, String reason) {}
