package kuzet.agent.update;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.reporting.Events;
import kuzet.protocol.Command;
import kuzet.protocol.EventKind;
import kuzet.release.ReleaseBundle;
import kuzet.release.ReleaseKeys;
import kuzet.release.ReleaseManifest;
import kuzet.release.ReleaseVersion;
import kuzet.release.Refusal;
import kuzet.release.Refusal.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UPDATE command: download, verify the signature and every hash, check the version, and only then install beside
 * the running release, put it on trial and restart into it. Every outcome is an UPDATE_STATUS event; a refusal names
 * its {@link Reason} and says what was wrong. Nothing under the install directory changes before the checks pass.
 */
public final class Updater {
  private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
  private final AgentConfig.Update cfg;
  private final InstallLayout layout;
  private final Events events;
  private final BooleanSupplier panicActive;
  private final Runnable restart;
  private final ExecutorService background;
  private final Clock clock;
  private final Downloader downloader;
  private final AtomicBoolean busy = new AtomicBoolean();

  /** restart ends the process so that systemd starts {@code current}; background runs the download. */
  public Updater(AgentConfig.Update cfg, Events events, BooleanSupplier panicActive, Runnable restart,
                 ExecutorService background, Clock clock) {
    this.cfg = cfg;
    this.layout = new InstallLayout(cfg.installDir());
    this.events = events;
    this.panicActive = panicActive;
    this.restart = restart;
    this.background = background;
    this.clock = clock;
    this.downloader = new Downloader(cfg.caFile() == null ? null : kuzet.agent.link.PemTls.context(cfg.caFile(), null, null),
        Duration.ofSeconds(30), 5, Duration.ofMillis(500));
  }

  /** Starts an update; the answer is the ack's error, or empty when the download has begun. */
  public Optional<String> start(Command c) {
    if (cfg.publicKeyFile() == null) {
      return Optional.of("this post has no release key (update.publicKeyFile): it takes no updates");
    }
    if (layout.versionOf(layout.current()).isEmpty()) {
      return Optional.of("this agent was not installed from a release (no " + layout.current() + " link)");
    }
    if (panicActive.getAsBoolean()) {
      return Optional.of("a panic is active at this post: the update waits until it is over");
    }
    if (!busy.compareAndSet(false, true)) {
      return Optional.of("an update is already running");
    }
    background.execute(() -> {
      try {
        run(c.args());
      } finally {
        busy.set(false);
      }
    });
    return Optional.empty();
  }

  private void run(Map<String, String> args) {
    ReleaseVersion wanted = ReleaseVersion.of(args.get("version"));
    report("DOWNLOADING", wanted, null, null);
    try {
      Path part = layout.downloads().resolve(wanted.value() + "-" + args.get("sha256").substring(0, 12) + ".kzb.part");
      Files.createDirectories(layout.downloads());
      downloader.fetch(new Downloader.Wanted(URI.create(args.get("url")), args.get("token"),
          Long.parseLong(args.get("size")), args.get("sha256")), part);
      ReleaseManifest m = check(part, wanted, Boolean.parseBoolean(args.get("allowDowngrade")));
      ReleaseVersion running = layout.versionOf(layout.current()).orElseThrow();
      layout.install(part, m);
      new TrialRecord(m.version(), running, clock.instant(), cfg.trial(), 0, TrialRecord.DEFAULT_MAX_STARTS).write(layout);
      layout.point(layout.current(), m.version());
      Files.deleteIfExists(part);
      LOG.warn("release {} installed beside {}: restarting into it on trial", m.version(), running);
      report("INSTALLED", m.version(), null, "installed beside " + running + "; restarting on trial");
      restart.run();
    } catch (Refusal r) {
      LOG.error("release {} refused ({}): {}", wanted, r.reason(), r.getMessage());
      report("REFUSED", wanted, r.reason().name(), r.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.error("release {} could not be installed", wanted, e);
      report("REFUSED", wanted, Reason.NOT_APPLICABLE.name(), "could not install: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ReleaseManifest check(Path bundle, ReleaseVersion wanted, boolean allowDowngrade) throws Refusal {
    ReleaseManifest m;
    try {
      m = ReleaseBundle.verify(bundle, ReleaseKeys.readPublic(cfg.publicKeyFile()));
    } catch (IOException e) {
      throw new Refusal(Reason.NOT_APPLICABLE, "cannot read this post's release key: " + e.getMessage(), e);
    }
    if (!m.version().equals(wanted)) {
      throw new Refusal(Reason.TAMPERED, "the bundle is release " + m.version() + ", the hub announced " + wanted);
    }
    ReleaseVersion running = layout.versionOf(layout.current()).orElseThrow();
    if (m.version().equals(running)) {
      throw new Refusal(Reason.NOT_APPLICABLE, "release " + running + " is already running");
    }
    if (m.version().olderThan(running) && !allowDowngrade) {
      throw new Refusal(Reason.DOWNGRADE, "release " + m.version() + " is older than the running " + running
          + " and the rollout does not allow going back");
    }
    if (panicActive.getAsBoolean()) {
      throw new Refusal(Reason.NOT_APPLICABLE, "a panic started during the download: the update waits");
    }
    return m;
  }

  private void report(String state, ReleaseVersion version, String reason, String detail) {
    Map<String, String> a = new HashMap<>();
    a.put("state", state);
    a.put("version", version.value());
    if (reason != null) {
      a.put("reason", reason);
    }
    if (detail != null) {
      a.put("detail", detail.length() > 1000 ? detail.substring(0, 1000) : detail);
    }
    events.emit(EventKind.UPDATE_STATUS, a);
  }
}
