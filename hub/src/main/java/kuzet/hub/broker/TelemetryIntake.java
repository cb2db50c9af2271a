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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
 * wait. QoS 0 has no flow control, so HiveMQ keeps reading and holding, also in its extension executor's queue
 * in front of this interceptor when the machine cannot keep up with the interceptor itself. Once the broker holds
 * more than {@link #MAX_HELD} publishes this interceptor has not seen yet, QoS 0 telemetry is dropped and counted by
 * the broker ({@code kuzet_broker_dropped_total}) instead of taken or parked, whether the lane has room or not: that
 * bounds the broker's memory, and dropping at the door is the cheapest way to spend the machine on what is kept.
 * Past twice that, the interceptor is not even called fast enough to drop: HiveMQ reads QoS 0 off the sockets
 * without limit and queues it in front of the interceptor (which ran the heap out at 30,000 msgs/s). The client
 * whose QoS 0 telemetry arrives then, the most likely to be the heaviest sender, is disconnected with MQTT 5's
 * "message rate too high" (0x96), at most once per {@link #BUSY_PAUSE}; that stops the broker reading its socket.
 * The edge agent publishes at QoS 1, which the broker's receive maximum already paces, so it is never disconnected.
 */
public final class TelemetryIntake implements PublishInboundInterceptor {
  /**
   * Publishes the broker may hold back for the hub before QoS 0 telemetry is shed: one per KiB of a 32nd of
   * the heap (a held telemetry publish, with HiveMQ's packet, its interceptor task and queue entry, takes about
   * 1.2 KiB), at most 200,000; twice this and the sender is disconnected. A fixed 200,000 ran the production
   * 320 MiB heap out of memory within 20 s at 30,000 msgs/s (docs/benchmarks.md); with that heap this is 10,240.
   */
  public static final long MAX_HELD = Math.min(200_000, Runtime.getRuntime().maxMemory() / 32 / 1024);
  /** A client disconnected for sending too fast is not disconnected again within this (it reconnects first). */
  static final Duration BUSY_PAUSE = Duration.ofSeconds(10);
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
  private final AtomicLong tooFast = new AtomicLong();
  private final ConcurrentHashMap<String, Long> disconnectedAt = new ConcurrentHashMap<>();
  private final long disconnectPast;
  private volatile Consumer<String> disconnect = clientId -> { };

  /**
   * @param activePost null: anybody may publish telemetry (a broker without the access extension); otherwise only
   *     the client whose id is the topic's post (the access extension binds a post's client id to its post id), and
   *     only while this says the post is registered and not revoked. Telemetry refused here goes on to the
   *     authorizer, which refuses it and ends a revoked post's session: HiveMQ runs interceptors before authorizers,
   *     so without this check telemetry taken here would skip the authorizer's per-publish revocation check.
   */
  public TelemetryIntake(Topics topics, Predicate<PostId> activePost) {
    this(topics, activePost, MAX_HELD, 2 * MAX_HELD);
  }

  /**
   * With the broker holding at most {@code maxHeld} publishes for the hub before QoS 0 telemetry is shed, and
   * disconnecting a QoS 0 sender past {@code disconnectPast}.
   */
  TelemetryIntake(Topics topics, Predicate<PostId> activePost, long maxHeld, long disconnectPast) {
    if (maxHeld < 0 || disconnectPast < maxHeld) {
      throw new IllegalArgumentException("need 0 <= maxHeld <= disconnectPast, not " + maxHeld + " and " + disconnectPast);
    }
    this.topics = Objects.requireNonNull(topics, "topics");
    this.activePost = activePost;
    this.maxHeld = maxHeld;
    this.disconnectPast = disconnectPast;
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

  /** How to end a client's connection when it sends QoS 0 faster than the broker can even drop it. */
  void disconnectWith(Consumer<String> disconnectClient) {
    this.disconnect = Objects.requireNonNull(disconnectClient, "disconnectClient");
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
    long held = qos0 ? held(seenNow) : 0;
    if (held > maxHeld) {
      // before the registry lookup and the payload copy: past the limit, dropping must be the cheapest thing here
      shed(output);
      if (held > disconnectPast) {
        tooFast(clientId);
      }
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

  private void tooFast(String clientId) {
    long now = System.nanoTime();
    Long last = disconnectedAt.get(clientId);
    if (last != null && now - last < BUSY_PAUSE.toNanos()) {
      return;
    }
    if (disconnectedAt.size() > 10_000) {
      disconnectedAt.clear(); // only a pause between disconnects is lost
    }
    disconnectedAt.put(clientId, now);
    tooFast.incrementAndGet();
    disconnect.accept(clientId);
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
    return raw - floor;
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

  /** Clients disconnected because they sent QoS 0 telemetry faster than the broker could drop it. */
  public long disconnectedTooFast() {
    return tooFast.get();
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
