package kuzet.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import kuzet.release.ReleaseVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard systemd runs before every start (ExecStartPre), on an install directory with two releases. */
class BootGuardTest {
  private static final Instant INSTALLED = Instant.parse("2026-12-02T10:00:00Z");
  private static final ReleaseVersion OLD = ReleaseVersion.of("1.1.0");
  private static final ReleaseVersion NEW = ReleaseVersion.of("1.2.0");
  @TempDir
  Path root;
  private InstallLayout layout;

  @BeforeEach
  void twoReleasesWithTheNewOneOnTrial() throws Exception {
    layout = new InstallLayout(root);
    Files.createDirectories(layout.version(OLD));
    Files.createDirectories(layout.version(NEW));
    layout.point(layout.stable(), OLD);
    layout.point(layout.current(), NEW);
    new TrialRecord(NEW, OLD, INSTALLED, Duration.ofSeconds(300), 0, 3).write(layout);
  }

  private String startAt(Instant t) {
    return new BootGuard(layout, Clock.fixed(t, ZoneOffset.UTC)).check();
  }

  @Test
  void aReleaseOnTrialKeepsItsStartsUntilItHasUsedThemUpThenGoesBack() throws Exception {
    for (int i = 1; i <= 3; i++) {
      assertThat(startAt(INSTALLED.plusSeconds(i))).contains("start " + i + " of 3");
      assertThat(layout.versionOf(layout.current())).contains(NEW);
    }
    assertThat(startAt(INSTALLED.plusSeconds(4))).contains("rolled back to 1.1.0");
    assertThat(layout.versionOf(layout.current())).contains(OLD);
    assertThat(InstallLayout.read(layout.outcomeFile()).getProperty("detail")).contains("started 3 times");
    assertThat(layout.trialFile()).doesNotExist();
  }

  @Test
  void aReleaseThatRanPastItsTrialTimeIsRolledBackAtTheNextStart() throws Exception {
    assertThat(startAt(INSTALLED.plusSeconds(1))).contains("start 1 of 3");
    assertThat(startAt(INSTALLED.plusSeconds(301))).contains("within 300 s");
    assertThat(layout.versionOf(layout.current())).contains(OLD);
    assertThat(InstallLayout.read(layout.outcomeFile()).getProperty("reason")).isEqualTo("TRIAL_FAILED");
  }

  @Test
  void withoutATrialTheGuardChangesNothing() throws Exception {
    Files.delete(layout.trialFile());
    assertThat(startAt(INSTALLED)).isEqualTo("no release on trial");
    assertThat(layout.versionOf(layout.current())).contains(NEW);
    assertThat(layout.outcomeFile()).doesNotExist();
  }
}
