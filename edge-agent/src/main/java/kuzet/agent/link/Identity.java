package kuzet.agent.link;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import kuzet.protocol.PostId;

/**
 * Who is speaking: the post, this boot of its agent, and the per-boot sequence every message carries. Only the messages
 * that go through the outbox (telemetry, events, command acks) spend a number; a Birth or a Death carries the last one
 * spent, so a receiver that counts gaps never waits for a Will that was built for a connection that did not die.
 */
public final class Identity {
  private final PostId postId;
  private final String bootId;
  private final Clock clock;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong configVersion = new AtomicLong();

  public Identity(PostId postId, Clock clock) {
    this.postId = postId;
    this.bootId = UUID.randomUUID().toString();
    this.clock = clock;
  }

  public PostId postId() {
    return postId;
  }

  public String bootId() {
    return bootId;
  }

  public Clock clock() {
    return clock;
  }

  /** Spends the next number: only for a telemetry sample, an event or a command ack. */
  public long nextSeq() {
    return seq.getAndIncrement();
  }

  /** The last number spent (0 before the first), for a Birth or Death. */
  public long lastSeq() {
    return Math.max(0, seq.get() - 1);
  }

  /** The hub's CONFIG version this post runs (0: none), reported in every Birth and telemetry sample. */
  public long configVersion() {
    return configVersion.get();
  }

  public void configVersion(long version) {
    configVersion.set(version);
  }

  public Instant now() {
    return clock.instant();
  }
}
