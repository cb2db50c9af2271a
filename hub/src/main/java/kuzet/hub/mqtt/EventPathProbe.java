package kuzet.hub.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Supervision of the hub's own events path. A connection can look healthy (keep-alives answered) while the
 * broker no longer delivers one of its subscriptions: embedded HiveMQ CE did that to a shared subscription
 * (docs/hub-config.md), and a PANIC would have waited unseen. So every interval the hub publishes a probe to
 * {@code {root}/_hub/events}, which its events subscription, shared or not, delivers back to a hub of its
 * group; with several hubs each still receives about one probe per interval. Three intervals connected
 * without any delivery on that path (probe or post event) is a stall.
 */
final class EventPathProbe {
  static final int MISSED_INTERVALS = 3;

  private final Clock clock;
  private final Duration interval;
  private final String topic;
  private final String hubId;
  private volatile Instant since;
  private volatile boolean stalled;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong stalls = new AtomicLong();

  EventPathProbe(Clock clock, Duration interval, String topic, String hubId) {
    this.clock = clock;
    this.interval = interval;
    this.topic = topic;
    this.hubId = hubId;
  }

  boolean enabled() {
    return !interval.isZero();
  }

  Duration interval() {
    return interval;
  }

  boolean isProbe(String t) {
    return topic.equals(t);
  }

  String topic() {
    return topic;
  }

  /**
   * Subscriptions (re)made: the path gets three more intervals from now. A stalled path stays stalled until
   * something is actually delivered: a SUBACK proves the broker took the subscription, not that it delivers.
   */
  void subscribed() {
    since = clock.instant();
  }

  /** Anything arrived through the events subscription: a probe (any hub's) or a post's event. */
  void delivered(boolean probe) {
    since = clock.instant();
    stalled = false;
    if (probe) {
      received.incrementAndGet();
    }
  }

  /**
   * Called once per interval while connected. True when three intervals passed without delivery since the
   * last delivery, subscription or retry: the caller reports it and subscribes again, and while nothing
   * arrives it is asked again every three intervals. {@link #stalls()} counts stalls, not retries.
   */
  boolean stalledNow() {
    Instant last = since;
    Instant now = clock.instant();
    if (!enabled() || last == null || !now.isAfter(last.plus(interval.multipliedBy(MISSED_INTERVALS)))) {
      return false;
    }
    if (!stalled) {
      stalled = true;
      stalls.incrementAndGet();
    }
    since = now;
    return true;
  }

  /** False while the path is stalled; /health then reports the broker DOWN. */
  boolean alive() {
    return !stalled;
  }

  byte[] payload() {
    sent.incrementAndGet();
    return ("{\"hubId\":\"" + hubId + "\",\"ts\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  long sent() {
    return sent.get();
  }

  long received() {
    return received.get();
  }

  long stalls() {
    return stalls.get();
  }
}
