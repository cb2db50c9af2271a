package kuzet.agent.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import kuzet.agent.reporting.Events;
import kuzet.protocol.Command;
import kuzet.protocol.DecodeException;
import kuzet.protocol.Message;
import kuzet.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and applies hub commands. Every command is acknowledged on {@code commands/ack}; a commandId seen before is
 * acknowledged again with the first outcome but not applied twice; an undecodable or unknown command gets an error ack
 * when its commandId can be read. Nothing thrown here reaches the MQTT client.
 */
public final class CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
  private static final int REMEMBERED = 4096;
  private final ProtocolCodec codec;
  private final Events events;
  private final Function<Command, Optional<String>> actions;
  private final Map<UUID, Optional<String>> seen = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Optional<String>> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** actions applies one command and returns the error for its ack, or empty on success. */
  public CommandHandler(ProtocolCodec codec, Events events, Function<Command, Optional<String>> actions) {
    this.codec = codec;
    this.events = events;
    this.actions = actions;
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
    Optional<String> outcome = seen.get(c.commandId());
    if (outcome == null) {
      outcome = apply(c);
      seen.put(c.commandId(), outcome);
    } else {
      LOG.info("command {} seen before: acknowledged again, not applied", c.commandId());
    }
    events.ack(c.commandId(), outcome.orElse(null), Map.of("name", c.name().name()));
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
