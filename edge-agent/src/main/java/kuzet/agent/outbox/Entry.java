package kuzet.agent.outbox;

/** A stored message waiting for the broker's PUBACK. */
public record Entry(long id, Priority priority, String topic, byte[] payload) {}
