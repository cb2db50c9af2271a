package kuzet.agent.update;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kuzet.agent.reporting.Events;
import kuzet.protocol.EventKind;
import kuzet.release.ReleaseVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This start's side of a release on trial: the running release must come online (see the hub) and pass its self-test
 * before its deadline. Passing makes it {@code stable} (commit); missing the deadline restarts the agent, and the boot
 * guard then rolls back. At start it also reports what the guard did last time (a roll-back).
 */
public final class Trial {
  private static final Logger LOG = LoggerFactory.getLogger(Trial.class);
  private final InstallLayout layout;
  private final Events events;
  private final Clock clock;
  private final String running;
  private volatile TrialRecord record;

  public Trial(java.nio.file.Path installDir, Events events, Clock clock, String runningVersion) {
    this.layout = new InstallLayout(installDir);
    this.events = events;
    this.clock = clock;
    this.running = runningVersion;
    TrialRecord r = null;
    try {
      r = TrialRecord.read(layout).filter(t -> t.version().value().equals(runningVersion)).orElse(null);
    } catch (IOException e) {
      LOG.error("release trial unreadable: {}", e.getMessage());
    }
    this.record = r;
  }

  public boolean onTrial() {
    return record != null;
  }

  /** Reports a roll-back the guard made, and arms the deadline of a trial: past it the agent restarts. */
  public void start(ScheduledExecutorService scheduler, Runnable restart) {
    reportOutcome();
    TrialRecord r = record;
    if (r == null) {
      return;
    }
    long left = Math.max(0, Duration.between(clock.instant(), r.deadline()).toMillis());
    LOG.warn("release {} on trial: it must come online and pass its self-test within {} s", running, left / 1000);
    scheduler.schedule(() -> {
      if (onTrial()) {
        LOG.error("release {} did not pass its checks by {}: restarting so that the boot guard rolls back", running,
            r.deadline());
        restart.run();
      }
    }, left, TimeUnit.MILLISECONDS);
  }

  /**
   * A trusted release (not on trial) writes down the parts it found missing or failing at start: a release on trial is
   * not blamed for hardware that was already faulty, and the file says what that was.
   */
  public void recordKnownFaults(java.util.List<String> faults) {
    if (onTrial() || layout.versionOf(layout.current()).isEmpty()) {
      return;
    }
    try {
      InstallLayout.write(layout.knownFaultsFile(), Map.of("faults", String.join(",", faults)));
    } catch (IOException e) {
      LOG.warn("could not record the known faults: {}", e.toString());
    }
  }

  /** Whether a self-test that found {@code failed} passes the trial: it may fail only where the trusted release did. */
  public boolean passes(java.util.Set<String> failed) {
    java.util.Set<String> known = java.util.Set.of();
    try {
      if (Files.exists(layout.knownFaultsFile())) {
        String v = InstallLayout.read(layout.knownFaultsFile()).getProperty("faults", "");
        known = v.isEmpty() ? java.util.Set.of() : java.util.Set.of(v.split(","));
      }
    } catch (IOException e) {
      LOG.warn("known faults unreadable: {}", e.toString());
    }
    java.util.Set<String> fresh = new java.util.TreeSet<>(failed);
    fresh.removeAll(known);
    if (!fresh.isEmpty()) {
      LOG.error("release {} on trial: its self-test fails {}, which the trusted release did not", running, fresh);
    }
    return fresh.isEmpty();
  }

  /** The running release passed: it becomes {@code stable}. Returns whether a trial ended here. */
  public synchronized boolean commit() {
    TrialRecord r = record;
    if (r == null) {
      return false;
    }
    try {
      layout.point(layout.stable(), r.version());
      Files.deleteIfExists(layout.trialFile());
    } catch (IOException e) {
      LOG.error("could not commit release {}: {}", r.version(), e.toString());
      return false;
    }
    record = null;
    LOG.info("release {} passed its trial and is now stable (was {})", r.version(), r.previous());
    events.emit(EventKind.UPDATE_STATUS, Map.of("state", "COMMITTED", "version", r.version().value(),
        "detail", "came online and passed its self-test; replaces " + r.previous()));
    return true;
  }

  private void reportOutcome() {
    try {
      if (!Files.exists(layout.outcomeFile())) {
        return;
      }
      Properties p = InstallLayout.read(layout.outcomeFile());
      Map<String, String> a = new HashMap<>();
      for (String k : new String[] {"state", "version", "reason", "detail"}) {
        Optional.ofNullable(p.getProperty(k)).ifPresent(v -> a.put(k, v.length() > 1000 ? v.substring(0, 1000) : v));
      }
      if (a.containsKey("version") && ReleaseVersion.valid(a.get("version"))) {
        events.emit(EventKind.UPDATE_STATUS, a);
      }
      Files.delete(layout.outcomeFile());
    } catch (IOException e) {
      LOG.error("could not report the last update's outcome: {}", e.toString());
    }
  }
}
