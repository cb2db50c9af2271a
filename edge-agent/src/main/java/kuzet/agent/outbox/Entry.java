package kuzet.agent.outbox;

/** A stored message waiting for the broker's PUBACK; {@code version} grows each time the row is rewritten in place. */
public record Entry(long id, Priority priority, String topic, byte[] payload, long version) {}
