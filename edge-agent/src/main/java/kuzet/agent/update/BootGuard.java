package kuzet.agent.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Runs before every start of the agent ({@code ExecStartPre} in the systemd unit, from the {@code stable} release's jar,
 * so a broken new release cannot break it). While a release is on trial it counts the starts; when the release has used
 * up its starts or its time without passing its checks, it points {@code current} back at the previous release and
 * leaves the reason for the agent to report. It never fails the start: a guard that failed would stop the post.
 */
public final class BootGuard {
  private final InstallLayout layout;
  private final Clock clock;

  public BootGuard(InstallLayout layout, Clock clock) {
    this.layout = layout;
    this.clock = clock;
  }

  /** {@code java -cp /opt/kuzet/stable/edge-agent.jar kuzet.agent.update.BootGuard /opt/kuzet}. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: BootGuard INSTALL_DIR");
      return;
    }
    System.out.println(new BootGuard(new InstallLayout(Path.of(args[0])), Clock.systemUTC()).check());
  }

  /** What the guard did, in one line for the journal. */
  public String check() {
    try {
      Optional<TrialRecord> read = TrialRecord.read(layout);
      if (read.isEmpty()) {
        return "no release on trial";
      }
      TrialRecord trial = read.get();
      if (!layout.versionOf(layout.current()).equals(Optional.of(trial.version()))) {
        Files.deleteIfExists(layout.trialFile());
        return "current no longer points at " + trial.version() + ": trial dropped";
      }
      TrialRecord now = trial.started();
      if (now.starts() > now.maxStarts() || clock.instant().isAfter(now.deadline())) {
        return rollBack(now);
      }
      now.write(layout);
      return "release " + now.version() + " on trial: start " + now.starts() + " of " + now.maxStarts()
          + ", until " + now.deadline();
    } catch (IOException | RuntimeException e) {
      return "boot guard could not check the trial: " + e;
    }
  }

  private String rollBack(TrialRecord t) throws IOException {
    String why = t.starts() > t.maxStarts()
        ? "started " + (t.starts() - 1) + " times without coming online and passing its self-test"
        : "did not come online and pass its self-test within " + t.bound().toSeconds() + " s";
    layout.point(layout.current(), t.previous());
    InstallLayout.write(layout.outcomeFile(), Map.of("state", "ROLLED_BACK", "version", t.version().value(),
        "previous", t.previous().value(), "reason", "TRIAL_FAILED", "detail", "release " + t.version() + " " + why
            + "; rolled back to " + t.previous()));
    Files.deleteIfExists(layout.trialFile());
    return "release " + t.version() + " " + why + ": rolled back to " + t.previous();
  }
}
