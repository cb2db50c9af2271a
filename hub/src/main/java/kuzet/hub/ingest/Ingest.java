package kuzet.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import kuzet.hub.alert.RuleEngine;
import kuzet.hub.fleet.FleetState;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.protocol.Birth;
import kuzet.protocol.CommandAck;
import kuzet.protocol.DecodeException;
import kuzet.protocol.HubStatus;
import kuzet.protocol.Message;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every message from the broker goes through here, on the hub's event loop: decode, check the post is
 * registered, update the fleet state, run the alert rules, hand telemetry to the store, complete
 * command acks. A bad message is counted by reason and dropped; nothing in it can stop the loop.
 */
public final class Ingest {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
  static final int MAX_WAITING_PER_POST = 1_000;

  /**
   * Where ingest hands its results. {@code hubUnseen} runs when a post's birth says it cannot see the hub: on a
   * clustered broker the hub's retained presence stays on the node where it was published.
   */
  public record Outputs(FleetState fleet, RuleEngine rules, Consumer<CommandAck> acks, TelemetrySink telemetry,
                        Consumer<PostId> postChanged, Runnable hubUnseen) {}

  private final ProtocolCodec codec;
  private final PostDirectory directory;
  private final Outputs out;
  private final MeterRegistry meters;
  private final Clock clock;
  private final RateLimitedLog rejectLog;
  private final Map<PostId, List<Held>> waiting = new HashMap<>();
  private final Map<DecodeException.Reason, Counter> rejected = new EnumMap<>(DecodeException.Reason.class);
  private final Counter received;
  private final Counter accepted;
  private final Counter unknown;
  private final Counter revoked;
  private final Counter overflow;

  public Ingest(Context context, Database db, PostRegistry registry, boolean demo, ProtocolCodec codec, Outputs out,
                MeterRegistry meters, Clock clock) {
    this.codec = codec;
    this.directory = new PostDirectory(context, db, registry, demo, clock);
    this.out = out;
    this.meters = meters;
    this.clock = clock;
    this.rejectLog = new RateLimitedLog(LOG, clock, Duration.ofSeconds(10));
    for (DecodeException.Reason r : DecodeException.Reason.values()) {
      rejected.put(r, Counter.builder("kuzet.ingest.rejected").tag("reason", r.name())
          .description("Messages that could not be decoded, by reason").register(meters));
    }
    received = meters.counter("kuzet.ingest.received");
    accepted = meters.counter("kuzet.ingest.accepted");
    unknown = Counter.builder("kuzet.ingest.dropped").tag("reason", "unknown_post").register(meters);
    revoked = Counter.builder("kuzet.ingest.dropped").tag("reason", "revoked_post").register(meters);
    overflow = Counter.builder("kuzet.ingest.dropped").tag("reason", "lookup_backlog").register(meters);
  }

  /** Re-reads the registry (revocations, changed names and districts); call it periodically. */
  public Future<Void> refreshRegistry() {
    return directory.refresh();
  }

  /** Registered posts known at start, so the first messages need no lookup. */
  public void preload(Iterable<RegisteredPost> posts) {
    directory.preload(posts);
  }

  /** A message held until the registry says whose it is. */
  private record Held(PostMessage message, Promise<Void> processed) {}

  /**
   * Handles one message from the broker. The future completes once the message has been processed
   * (at once, unless the post had to be looked up in the registry first); whatever processing wrote
   * to the database is queued on the database thread by then.
   */
  public Future<Void> handle(String topic, byte[] payload) {
    Message m;
    try {
      m = codec.decode(topic, payload);
    } catch (DecodeException e) {
      received.increment();
      rejected.get(e.reason()).increment();
      rejectLog.warn("rejected a message on {}: {} ({})", abbreviate(topic), e.getMessage(), e.reason());
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      received.increment();
      rejected.get(DecodeException.Reason.INVALID_VALUE).increment();
      rejectLog.warn("rejected a message on {}: unexpected decoder failure {}", abbreviate(topic), e.toString());
      return Future.succeededFuture();
    }
    return handle(topic, m);
  }

  /**
   * Handles one message the receiving thread already decoded with this hub's codec (decoding off the event loop);
   * what failed to decode goes to {@link #handle(String, byte[])}, which counts the rejection.
   */
  public Future<Void> handle(String topic, Message m) {
    received.increment();
    if (m instanceof HubStatus) {
      return Future.succeededFuture(); // the presence of this or another hub
    }
    PostMessage pm = (PostMessage) m;
    PostId id = pm.postId();
    Optional<RegisteredPost> post = directory.cached(id);
    if (post.isPresent()) {
      process(post.get(), pm);
      return Future.succeededFuture();
    }
    List<Held> queue = waiting.get(id);
    if (queue != null) {
      if (queue.size() >= MAX_WAITING_PER_POST) {
        overflow.increment();
        return Future.succeededFuture();
      }
      Held h = new Held(pm, Promise.promise());
      queue.add(h);
      return h.processed().future();
    }
    if (directory.recentlyUnknown(id)) {
      unknown.increment();
      return Future.succeededFuture();
    }
    queue = new ArrayList<>();
    Held first = new Held(pm, Promise.promise());
    queue.add(first);
    waiting.put(id, queue);
    directory.lookup(id).onComplete(ar -> {
      List<Held> held = waiting.remove(id);
      if (ar.succeeded() && ar.result().isPresent()) {
        held.forEach(h -> process(ar.result().get(), h.message()));
      } else {
        unknown.increment(held.size());
        rejectLog.warn("dropped {} message(s) from post {}: {}", held.size(), id,
            ar.failed() ? "registry lookup failed: " + ar.cause().getMessage() : "not registered");
      }
      held.forEach(h -> h.processed().complete());
    });
    return first.processed().future();
  }

  private void process(RegisteredPost post, PostMessage m) {
    if (!post.active()) {
      revoked.increment();
      rejectLog.warn("dropped a message from revoked post {}", post.id());
      return;
    }
    accepted.increment();
    FleetState.Applied applied = out.fleet().apply(post, m, clock.instant());
    if (applied.sequenceGap() > 0) {
      meters.counter("kuzet.ingest.sequence.gaps", "post", post.id().value()).increment(applied.sequenceGap());
    }
    if (applied.presence() != null) {
      out.rules().presence(post, applied.presence());
    }
    out.rules().message(post, m);
    if (m instanceof Telemetry t) {
      out.telemetry().accept(post, t);
    } else if (m instanceof CommandAck ack) {
      out.acks().accept(ack);
    } else if (m instanceof Birth b && !b.hubReachable()) {
      out.hubUnseen().run();
    }
    out.postChanged().accept(post.id());
  }

  private static String abbreviate(String topic) {
    return topic.length() <= 120 ? topic : topic.substring(0, 117) + "...";
  }
}
