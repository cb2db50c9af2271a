package kuzet.agent.update;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kuzet.release.ReleaseVersion;

/**
 * A release on trial: written just before {@code current} is switched to it, counted by the boot guard at every start,
 * removed when the release passes its start-up checks (commit) or is rolled back.
 */
record TrialRecord(ReleaseVersion version, ReleaseVersion previous, Instant startedAt, Duration bound, int starts,
                   int maxStarts) {
  /** How many starts a release gets to pass its checks before the guard rolls it back. */
  static final int DEFAULT_MAX_STARTS = 3;

  Instant deadline() {
    return startedAt.plus(bound);
  }

  TrialRecord started() {
    return new TrialRecord(version, previous, startedAt, bound, starts + 1, maxStarts);
  }

  static Optional<TrialRecord> read(InstallLayout layout) throws IOException {
    if (!Files.exists(layout.trialFile())) {
      return Optional.empty();
    }
    Properties p = InstallLayout.read(layout.trialFile());
    try {
      return Optional.of(new TrialRecord(ReleaseVersion.of(p.getProperty("version")),
          ReleaseVersion.of(p.getProperty("previous")), Instant.parse(p.getProperty("startedAt")),
          Duration.ofSeconds(Long.parseLong(p.getProperty("boundS"))), Integer.parseInt(p.getProperty("starts")),
          Integer.parseInt(p.getProperty("maxStarts"))));
    } catch (RuntimeException e) {
      throw new IOException(layout.trialFile() + " is unreadable: " + e.getMessage(), e);
    }
  }

  void write(InstallLayout layout) throws IOException {
    InstallLayout.write(layout.trialFile(), Map.of("version", version.value(), "previous", previous.value(),
        "startedAt", startedAt.toString(), "boundS", Long.toString(bound.toSeconds()), "starts", Integer.toString(starts),
        "maxStarts", Integer.toString(maxStarts)));
  }
}
