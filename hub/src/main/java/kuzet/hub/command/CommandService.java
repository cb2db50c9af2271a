package kuzet.hub.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.alert.PostNotifier;
import kuzet.hub.mqtt.HubIdentity;
import kuzet.hub.mqtt.MqttLink;
import kuzet.hub.audit.AuditLog;
import kuzet.store.Database;
import kuzet.protocol.Command;
import kuzet.protocol.CommandAck;
import kuzet.protocol.CommandName;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands to posts and waits for their acks: publish with a fresh commandId (QoS 1), then
 * ok / error / timeout, recorded in the commands table and the audit log. Runs on the hub's event loop.
 */
public final class CommandService implements PostNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

  private final Context context;
  private final MqttLink link;
  private final ProtocolCodec codec;
  private final HubIdentity identity;
  private final CommandStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration timeout;
  private final Duration panicStateExpiry;
  private final MeterRegistry meters;
  private final Map<UUID, Pending> pending = new HashMap<>();
  private java.util.function.Consumer<CommandAck> unknownAck = ack -> { };

  private record Pending(Command command, String by, Promise<CommandResult> promise, long timerId) {}

  public CommandService(Context context, MqttLink link, ProtocolCodec codec, HubIdentity identity, Database db,
                        AuditLog audit, Clock clock, Duration timeout, Duration panicStateExpiry, MeterRegistry meters) {
    this.context = context;
    this.link = link;
    this.codec = codec;
    this.identity = identity;
    this.store = new CommandStore(db);
    this.audit = audit;
    this.clock = clock;
    this.timeout = timeout;
    this.panicStateExpiry = panicStateExpiry;
    this.meters = meters;
  }

  /**
   * Sends a command and completes with its result. Fails at once with IllegalArgumentException when the
   * command or its arguments are invalid (nothing is sent then).
   */
  public Future<CommandResult> send(PostId post, CommandName name, Map<String, String> args, UUID incidentId, String by) {
    Command c;
    try {
      c = new Command(post, clock.instant(), identity.bootId(), identity.nextSeq(), UUID.randomUUID(), name,
          incidentId, args);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Promise<CommandResult> promise = Promise.promise();
    long timer = context.owner().setTimer(timeout.toMillis(), id -> finish(c.commandId(),
        new CommandResult(c.commandId(), CommandResult.TIMEOUT, "no ack from " + post + " within " + timeout.toSeconds() + " s")));
    pending.put(c.commandId(), new Pending(c, by, promise, timer));
    store.sent(context, c, by).onFailure(e -> LOG.error("could not store command {}: {}", c.commandId(), e.getMessage()));
    // past its expiry the broker drops a command still queued for an offline post: an operator's command reported
    // as timed out must not switch lights hours later; a PANIC state stays useful for longer
    Duration expiry = name.isPanicState() ? panicStateExpiry : timeout;
    link.publish(codec.topicFor(c), codec.encode(c), 1, false, expiry)
        .onFailure(e -> LOG.warn("command {} to {} not yet accepted by the broker: {}", name, post, e.getMessage()));
    meters.counter("kuzet_commands_sent", "name", name.name()).increment();
    return promise.future();
  }

  /** Where an ack goes that no command of this hub waits for (another active hub may: {@link AckRelay}). */
  void onUnknownAck(java.util.function.Consumer<CommandAck> relay) {
    this.unknownAck = relay;
  }

  /** An ack arrived from a post. */
  public void acked(CommandAck ack) {
    if (!pending.containsKey(ack.commandId())) {
      unknownAck.accept(ack); // another hub's command, or one already finished, or a redelivered ack
      return;
    }
    relayed(ack);
  }

  /** An ack another hub received and passed on; nothing happens unless a command of this hub waits for it. */
  void relayed(CommandAck ack) {
    Pending p = pending.get(ack.commandId());
    if (p == null) {
      return;
    }
    if (!p.command().postId().equals(ack.postId())) {
      LOG.warn("ack for command {} came from {}, not from {}: ignored", ack.commandId(), ack.postId(), p.command().postId());
      return;
    }
    context.owner().cancelTimer(p.timerId());
    String status = ack.ok() ? CommandResult.OK : ack.expired() ? CommandResult.EXPIRED : CommandResult.ERROR;
    finish(ack.commandId(), new CommandResult(ack.commandId(), status, ack.error()));
  }

  private void finish(UUID commandId, CommandResult result) {
    Pending p = pending.remove(commandId);
    if (p == null) {
      return;
    }
    meters.counter("kuzet_commands_finished", "status", result.status()).increment();
    Command c = p.command();
    String detail = c.name() + (c.incidentId() == null ? "" : " incident " + c.incidentId())
        + (c.args().isEmpty() ? "" : " " + c.args()) + " -> " + result.status()
        + (result.error() == null ? "" : " (" + result.error() + ")") + ", command " + commandId;
    Future.all(store.finished(context, result, clock.instant()),
            audit.record(context, clock.instant(), p.by(), "COMMAND", c.postId().value(), detail))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.error("could not record the result of command {}: {}", commandId, ar.cause().getMessage());
          }
          p.promise().complete(result);
        });
  }

  @Override
  public void panicState(PostId post, CommandName name, UUID incidentId, String by) {
    send(post, name, Map.of(), incidentId, by).onSuccess(r -> {
      if (!CommandResult.OK.equals(r.status())) {
        LOG.warn("{} for incident {} at {}: {} {}", name, incidentId, post, r.status(), r.error() == null ? "" : r.error());
      }
    });
  }
}
