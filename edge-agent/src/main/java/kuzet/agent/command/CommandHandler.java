package kuzet.agent.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import kuzet.agent.outbox.AppliedCommands;
import kuzet.agent.outbox.AppliedCommands.Outcome;
import kuzet.agent.reporting.Events;
import kuzet.protocol.Command;
import kuzet.protocol.CommandAck;
import kuzet.protocol.DecodeException;
import kuzet.protocol.Message;
import kuzet.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and applies hub commands. Every command is acknowledged on {@code commands/ack}; a commandId seen before is
 * acknowledged again with the first outcome but not applied twice; an undecodable or unknown command gets an error ack
 * when its commandId can be read; a command older than {@code maxAge} by this post's clock is not applied but acknowledged
 * as EXPIRED (PANIC_* states excepted: late, they still tell the post what became of its incident). Nothing thrown
 * here reaches the MQTT client.
 */
public final class CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
  private final ProtocolCodec codec;
  private final Events events;
  private final Function<Command, Optional<String>> actions;
  private final Clock clock;
  private final Duration maxAge;
  private final AppliedCommands applied;

  /**
   * actions applies one command and returns the error for its ack, or empty on success; applied remembers what was
   * applied across restarts.
   */
  public CommandHandler(ProtocolCodec codec, Events events, Function<Command, Optional<String>> actions, Clock clock,
      Duration maxAge, AppliedCommands applied) {
    this.applied = applied;
    this.codec = codec;
    this.events = events;
    this.actions = actions;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  public synchronized void handle(String topic, byte[] payload) {
    Message m;
    try {
      m = codec.decode(topic, payload);
    } catch (DecodeException e) {
      LOG.warn("command rejected ({}): {}", e.reason(), e.getMessage());
      UUID id = uuid(e.messageId());
      if (id != null) {
        String why = "rejected (" + e.reason() + "): " + e.getMessage();
        events.ack(id, why.length() > 1000 ? why.substring(0, 1000) : why, Map.of("reason", e.reason().name()));
      }
      return;
    }
    if (!(m instanceof Command c)) {
      LOG.warn("ignoring a {} on the commands topic", m.getClass().getSimpleName());
      return;
    }
    Outcome outcome = applied.find(c.commandId()).orElse(null);
    if (outcome == null) {
      outcome = tooOld(c).map(why -> new Outcome(why, true))
          .orElseGet(() -> new Outcome(apply(c).orElse(null), false));
      applied.record(c.commandId(), outcome);
    } else {
      LOG.info("command {} seen before: acknowledged again, not applied", c.commandId());
    }
    events.ack(c.commandId(), outcome.error(), outcome.expired()
        ? Map.of("name", c.name().name(), CommandAck.REASON, CommandAck.EXPIRED) : Map.of("name", c.name().name()));
  }

  /** Why the command is too old to apply, or empty. */
  private Optional<String> tooOld(Command c) {
    Duration age = Duration.between(c.ts(), clock.instant());
    if (c.name().isPanicState() || age.compareTo(maxAge) <= 0) {
      return Optional.empty();
    }
    LOG.warn("command {} {} issued {} s ago: expired, not applied", c.name(), c.commandId(), age.toSeconds());
    return Optional.of("expired: issued at " + c.ts() + ", " + age.toSeconds() + " s ago, over this post's limit of "
        + maxAge.toSeconds() + " s");
  }

  private Optional<String> apply(Command c) {
    try {
      return actions.apply(c);
    } catch (RuntimeException e) {
      LOG.error("command {} {} failed", c.name(), c.commandId(), e);
      return Optional.of(c.name() + " failed: " + e);
    }
  }

  private static UUID uuid(String s) {
    if (s == null) {
      return null;
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
