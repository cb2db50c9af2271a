package kuzet.hub.broker;

import com.codahale.metrics.Counter;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kuzet.protocol.Channel;
import kuzet.protocol.PostId;
import kuzet.protocol.Topics;

/**
 * Takes the posts' telemetry inside the embedded broker and hands it straight to the hub's telemetry lane, so it
 * skips the broker's routing, the hub's session queue and the hub's loopback MQTT client. Its onward delivery is
 * prevented: on the embedded broker only the hub may subscribe to telemetry (docs/protocol.md). Everything else
 * (status, events, acks) goes through MQTT as before, with its ordering and acknowledgement.
 *
 * <p>While the lane is full a publish is parked with the interceptor's async support: HiveMQ holds that client's
 * later publishes behind it, and a QoS 1 publisher gets no PUBACK, so its flow control (receive maximum) makes it
 * wait. QoS 0 has no flow control, and HiveMQ CE reads it off the sockets without limit and queues every publish in
 * front of this interceptor (which ran the heap out at 30,000 msgs/s, docs/benchmarks.md). So once the broker holds
 * more than {@link #PAUSE_AT} publishes this interceptor has not seen yet ({@link #held()}), the broker stops reading
 * the bulk senders ({@link ReadPause}) until it has caught up: their TCP windows fill and they wait, and nothing is
 * dropped. Past {@link #MAX_HELD} (many senders read at once, or a broker without the read pause), QoS 0 telemetry is
 * dropped at the door and counted by the broker ({@code kuzet_broker_dropped_total}), whether the lane has room or
 * not: that bounds the broker's memory whatever happens, and dropping is the cheapest thing the machine can do then.
 */
public final class TelemetryIntake implements PublishInboundInterceptor {
  /**
   * Publishes the broker may hold back for the hub before QoS 0 telemetry is shed: one per KiB of a 32nd of
   * the heap (a held telemetry publish, with HiveMQ's packet, its interceptor task and queue entry, takes about
   * 1.2 KiB), at most 200,000. A fixed 200,000 ran the production 320 MiB heap out of memory within 20 s at 30,000
   * msgs/s (docs/benchmarks.md); with that heap this is 10,240.
   */
  public static final long MAX_HELD = Math.min(200_000, Runtime.getRuntime().maxMemory() / 32 / 1024);
  /** Held publishes past which the broker stops reading the senders; it reads them again at half this. */
  public static final long PAUSE_AT = MAX_HELD / 4;
  /** A parked publish is given up after this (the hub is not draining at all); the broker counts it as dropped. */
  static final Duration MAX_PARK = Duration.ofSeconds(30);
  private static final Duration ASYNC_TIMEOUT = MAX_PARK.plusSeconds(10);

  /** The hub's side: its telemetry lane. */
  public interface Lane {
    /**
     * Queues the message if there is room and nothing is parked (true). Otherwise asks {@code whenFull} for a
     * callback and parks the message: once there is room, after those parked before it, the callback runs and the
     * message is queued if it returns true. {@code whenFull} returning null means: not parked, given up.
     */
    boolean offer(String topic, byte[] payload, Supplier<BooleanSupplier> whenFull);
  }

  private final Topics topics;
  private final Predicate<PostId> activePost;
  private final long maxHeld;
  private volatile Lane lane;
  private final List<Runnable> early = new ArrayList<>();
  private volatile Counter incoming;
  private final AtomicLong seen = new AtomicLong();
  /** The least the broker's count ever exceeded this interceptor's: what it counts that never reaches here. */
  private volatile long heldFloor = Long.MAX_VALUE;
  private final AtomicLong taken = new AtomicLong();
  private final AtomicLong shed = new AtomicLong();
  private final AtomicLong parked = new AtomicLong();
  private final AtomicLong peakHeld = new AtomicLong();

  /**
   * @param activePost null: anybody may publish telemetry (a broker without the access extension); otherwise only
   *     the client whose id is the topic's post (the access extension binds a post's client id to its post id), and
   *     only while this says the post is registered and not revoked. Telemetry refused here goes on to the
   *     authorizer, which refuses it and ends a revoked post's session: HiveMQ runs interceptors before authorizers,
   *     so without this check telemetry taken here would skip the authorizer's per-publish revocation check.
   */
  public TelemetryIntake(Topics topics, Predicate<PostId> activePost) {
    this(topics, activePost, MAX_HELD);
  }

  /** QoS 0 telemetry is shed while the broker holds more than {@code maxHeld} publishes the hub has not seen. */
  TelemetryIntake(Topics topics, Predicate<PostId> activePost, long maxHeld) {
    if (maxHeld < 0) {
      throw new IllegalArgumentException("the held-publish limit to shed QoS 0 must be at least 0, not " + maxHeld);
    }
    this.topics = Objects.requireNonNull(topics, "topics");
    this.activePost = activePost;
    this.maxHeld = maxHeld;
  }

  /** The hub's lane; telemetry that arrives before is parked until then. */
  public void attach(Lane l) {
    Objects.requireNonNull(l, "lane");
    synchronized (early) {
      lane = l;
      early.forEach(Runnable::run);
      early.clear();
    }
  }

  /** The broker's own count of publishes it decoded, to tell how many it holds back for the hub. */
  void countIncomingWith(Counter incomingPublishes) {
    this.incoming = incomingPublishes;
  }



  private boolean active(PostId post) {
    try {
      return activePost.test(post);
    } catch (RuntimeException e) {
      return false; // the authorizer looks again, and refuses the message if the registry cannot answer
    }
  }

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    long seenNow = seen.incrementAndGet();
    PublishPacket packet = input.getPublishPacket();
    Optional<Topics.Address> address = topics.parse(packet.getTopic());
    if (address.isEmpty() || address.get().channel() != Channel.TELEMETRY || packet.getRetain()) {
      return; // the authorizer refuses retained telemetry
    }
    String clientId = input.getClientInformation().getClientId();
    PostId post = address.get().postId();
    if (activePost != null && !post.value().equals(clientId)) {
      return; // another client's telemetry goes on to the authorizer, which refuses it
    }
    boolean qos0 = packet.getQos() == Qos.AT_MOST_ONCE;
    if (qos0 && held(seenNow) > maxHeld) {
      shed(output); // before the registry lookup and the payload copy: dropping must be the cheapest thing here
      return;
    }
    if (activePost != null && !active(post)) {
      return;
    }
    String topic = packet.getTopic();
    byte[] payload = bytes(packet.getPayload());
    Supplier<BooleanSupplier> whenFull = () -> {
      if (qos0 && held(seenNow) > maxHeld) {
        shed(output);
        return null;
      }
      return park(output, true);
    };
    Lane l = lane;
    if (l == null) {
      synchronized (early) {
        if (lane == null) {
          // parked until the hub attaches, then taken (the lane admits it now or once there is room)
          BooleanSupplier admit = park(output, false);
          early.add(() -> {
            if (lane.offer(topic, payload, () -> admit)) {
              admit.getAsBoolean();
            }
          });
          return;
        }
        l = lane;
      }
    }
    if (l.offer(topic, payload, whenFull)) {
      taken.incrementAndGet();
      output.preventPublishDelivery();
    }
  }

  private void shed(PublishInboundOutput output) {
    shed.incrementAndGet();
    output.preventPublishDelivery(); // counted by the broker as dropped, and not taken
  }

  /**
   * Parks the publish (async): the returned callback takes it (true) or, once it {@code expires} after
   * {@link #MAX_PARK}, gives it up (false).
   */
  private BooleanSupplier park(PublishInboundOutput output, boolean expires) {
    parked.incrementAndGet();
    Async<PublishInboundOutput> async = output.async(ASYNC_TIMEOUT, TimeoutFallback.FAILURE,
        AckReasonCode.QUOTA_EXCEEDED);
    long since = System.nanoTime();
    AtomicBoolean decided = new AtomicBoolean();
    return () -> {
      boolean fresh = !expires || System.nanoTime() - since < MAX_PARK.toNanos();
      if (!decided.compareAndSet(false, true)) {
        return false;
      }
      if (fresh) {
        taken.incrementAndGet(); // before the broker counts it as dropped, so droppedMessages() never overshoots
      }
      try {
        output.preventPublishDelivery(); // taken, or (stale) dropped and counted by the broker
        async.resume();
      } catch (RuntimeException e) {
        if (fresh) {
          taken.decrementAndGet(); // the broker timed it out already and counted it as dropped
        }
        return false;
      }
      return fresh;
    };
  }

  /**
   * Publishes the broker decoded and this interceptor has not seen yet, less the least that ever was (whatever the
   * broker's count includes that never reaches interceptors).
   */
  private long held(long seenNow) {
    Counter c = incoming;
    if (c == null) {
      return 0;
    }
    long raw = c.getCount() - seenNow;
    long floor = heldFloor;
    if (raw < floor) {
      heldFloor = raw; // a race between two threads may keep the larger: the next call lowers it again
      floor = raw;
    }
    long held = raw - floor;
    if (held > peakHeld.get()) {
      peakHeld.accumulateAndGet(held, Math::max);
    }
    return held;
  }

  /** Publishes the broker decoded that this interceptor has not seen yet. */
  long held() {
    return held(seen.get());
  }

  /** The most publishes the broker ever held in front of this interceptor: how near the hub came to the read pause. */
  public long peakHeld() {
    return peakHeld.get();
  }

  private static byte[] bytes(Optional<ByteBuffer> payload) {
    if (payload.isEmpty()) {
      return new byte[0];
    }
    ByteBuffer b = payload.get().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Telemetry handed to the hub: the broker counts each as dropped (its delivery was prevented), the hub not. */
  public long taken() {
    return taken.get();
  }

  /** QoS 0 telemetry dropped because the broker already held more than {@link #MAX_HELD} for the hub. */
  public long shed() {
    return shed.get();
  }

  /** Telemetry that found the lane full and waited. */
  public long parked() {
    return parked.get();
  }
}
