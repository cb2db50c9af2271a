package kuzet.agent.link;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import kuzet.protocol.PostId;

/** Who is speaking: the post, this boot of its agent, and the per-boot sequence every message carries. */
public final class Identity {
  private final PostId postId;
  private final String bootId;
  private final Clock clock;
  private final AtomicLong seq = new AtomicLong();

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

  public long nextSeq() {
    return seq.getAndIncrement();
  }

  public Instant now() {
    return clock.instant();
  }
}
