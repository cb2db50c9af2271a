package kuzet.agent;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigException;
import kuzet.agent.config.ConfigKey;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.reporting.Events;
import kuzet.protocol.CommandAck;
import kuzet.protocol.DecodeException;
import kuzet.protocol.PostConfig;
import kuzet.protocol.PostSetting;
import kuzet.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's CONFIG for this post: every key checked exactly as the configuration file's own value is
 * ({@link ConfigLoader#withCentral}), refused whole when one is wrong, kept on disk so that it outlives a restart, applied
 * at once where the running agent can, and acknowledged on {@code commands/ack} with the version and the keys that
 * wait for a restart. An older version than the one applied (a stale retained copy) is ignored.
 */
final class CentralConfig {
  private static final Logger LOG = LoggerFactory.getLogger(CentralConfig.class);
  /** The ack's {@code detail.reason} when a setting is refused; {@code detail.key} names it. */
  static final String INVALID = "INVALID_CONFIG";
  private static final String VERSION = "configVersion";
  private static final String SETTING = "setting.";

  private final AgentConfig file;
  private final Path store;
  private final AgentConfig boot;
  private final Map<String, String> stored;
  private long version;

  /** What the agent runs on: the file's settings with those the hub set last time, if they are still valid. */
  CentralConfig(AgentConfig file, Path store) {
    this.file = file;
    this.store = store;
    Map<String, String> settings = new HashMap<>();
    long v = 0;
    AgentConfig effective = file;
    if (Files.exists(store)) {
      try (Reader r = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
        Properties p = new Properties();
        p.load(r);
        p.stringPropertyNames().stream().filter(k -> k.startsWith(SETTING))
            .forEach(k -> settings.put(k.substring(SETTING.length()), p.getProperty(k)));
        effective = ConfigLoader.withCentral(file, settings);
        v = Long.parseLong(p.getProperty(VERSION, "0"));
      } catch (IOException | RuntimeException e) {
        LOG.error("the hub's stored settings in {} are unusable, running on the file's until the hub sends them again: {}",
            store, e.toString());
        settings.clear();
        effective = file;
        v = 0;
      }
    }
    this.boot = effective;
    this.stored = settings;
    this.version = v;
  }

  /** The configuration the agent started with. */
  AgentConfig boot() {
    return boot;
  }

  synchronized long version() {
    return version;
  }

  /** The hub's settings applied last (for CONFIG_RELOAD, which must not drop them). */
  synchronized Map<String, String> settings() {
    return Map.copyOf(stored);
  }

  /** What the agent needs to take a checked CONFIG: whether it has an interior light, how to apply, where to ack. */
  record Post(boolean hasInterior, Consumer<AgentConfig> applyNow, Events events, Runnable announce) {}

  synchronized void handle(ProtocolCodec codec, String topic, byte[] payload, Post post) {
    PostConfig pc;
    try {
      if (!(codec.decode(topic, payload) instanceof PostConfig c)) {
        return;
      }
      pc = c;
    } catch (DecodeException e) {
      LOG.warn("hub config rejected ({}): {}", e.reason(), e.getMessage());
      UUID id = uuid(e.messageId());
      if (id != null) {
        post.events().ack(id, abbreviate("rejected (" + e.reason() + "): " + e.getMessage()),
            Map.of(CommandAck.REASON, e.reason().name()));
      }
      return;
    }
    if (pc.configVersion() < version) {
      LOG.info("hub config version {} ignored: version {} is applied", pc.configVersion(), version);
      return;
    }
    String v = Long.toString(pc.configVersion());
    AgentConfig next;
    try {
      next = ConfigLoader.withCentral(file, pc.settings());
      if (!post.hasInterior() && !next.interiorHours().equals(PostSetting.Window.NONE)) {
        throw new ConfigException(ConfigKey.INTERIOR_HOURS.key(), "this post has no interior light");
      }
      save(pc);
    } catch (ConfigException e) {
      LOG.warn("hub config version {} refused: {}", v, e.getMessage());
      post.events().ack(pc.commandId(), abbreviate("refused: " + e.getMessage()),
          Map.of(CommandAck.REASON, INVALID, "key", e.key(), VERSION, v));
      return;
    } catch (IOException e) {
      LOG.error("hub config version {} not stored", v, e);
      post.events().ack(pc.commandId(), abbreviate("could not store the settings: " + e.getMessage()),
          Map.of(VERSION, v));
      return;
    }
    post.applyNow().accept(next);
    version = pc.configVersion();
    stored.clear();
    stored.putAll(pc.settings());
    List<String> restart = waitingForRestart(next);
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put(VERSION, v);
    if (!restart.isEmpty()) {
      detail.put("restart", String.join(",", restart));
    }
    LOG.info("hub config version {} applied{}", v, restart.isEmpty() ? "" : "; after a restart: " + restart);
    post.events().ack(pc.commandId(), null, detail);
    post.announce().run();
  }

  /** The settings read only when the agent starts (the input debouncers): those that differ from the running ones. */
  private List<String> waitingForRestart(AgentConfig next) {
    List<String> keys = new ArrayList<>();
    differs(keys, ConfigKey.PANIC_DEBOUNCE_MS, boot.debounce(), next.debounce());
    differs(keys, ConfigKey.PANIC_HOLD_MS, boot.hold(), next.hold());
    differs(keys, ConfigKey.DOOR_DEBOUNCE_MS, boot.contactDebounce().door(), next.contactDebounce().door());
    differs(keys, ConfigKey.TAMPER_DEBOUNCE_MS, boot.contactDebounce().tamper(), next.contactDebounce().tamper());
    differs(keys, ConfigKey.MAINS_DEBOUNCE_MS, boot.contactDebounce().mains(), next.contactDebounce().mains());
    differs(keys, ConfigKey.MOTION_DEBOUNCE_MS, boot.contactDebounce().motion(), next.contactDebounce().motion());
    return keys;
  }

  private static void differs(List<String> keys, ConfigKey key, Object running, Object wanted) {
    if (!running.equals(wanted)) {
      keys.add(key.key());
    }
  }

  /** Written beside and moved into place, so a power cut leaves the old settings or the new, never half. */
  private void save(PostConfig pc) throws IOException {
    Properties p = new Properties();
    p.setProperty(VERSION, Long.toString(pc.configVersion()));
    pc.settings().forEach((k, val) -> p.setProperty(SETTING + k, val));
    Path tmp = store.resolveSibling(store.getFileName() + ".new");
    Files.createDirectories(store.toAbsolutePath().getParent());
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "settings from the hub's CONFIG; the hub sends them again when they are lost");
    }
    Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String abbreviate(String s) {
    return s.length() > 1000 ? s.substring(0, 1000) : s;
  }

  private static UUID uuid(String s) {
    try {
      return s == null ? null : UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
