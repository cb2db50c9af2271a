package kuzet.hub.mqtt;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** This hub process: its id, a fresh boot id per start, and the per-boot sequence of what it sends. */
public final class HubIdentity {
  private final String hubId;
  private final String bootId = UUID.randomUUID().toString();
  private final AtomicLong seq = new AtomicLong();

  public HubIdentity(String hubId) {
    this.hubId = hubId;
  }

  public String hubId() {
    return hubId;
  }

  public String bootId() {
    return bootId;
  }

  public long nextSeq() {
    return seq.getAndIncrement();
  }
}
