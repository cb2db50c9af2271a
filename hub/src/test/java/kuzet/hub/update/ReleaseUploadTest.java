package kuzet.hub.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An upload of a release that never completes leaves nothing on the hub's disk. Real hub, real HTTP. */
class ReleaseUploadTest {
  @TempDir
  Path dir;

  private HubHarness hub(TestBroker broker, Path releases) {
    return hub(broker, releases, Clock.systemUTC());
  }

  private HubHarness hub(TestBroker broker, Path releases, Clock clock) {
    return new HubHarness(dir.resolve("hub"), broker, Map.of("updates.dir", releases.toString())).clock(clock).start();
  }

  private static List<Path> parts(Path releases) throws IOException {
    try (Stream<Path> files = Files.list(releases)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
    }
  }

  @Test
  @Timeout(120)
  void anUploadCutOffHalfWayLeavesNoPartFileBehind() throws Exception {
    Path releases = dir.resolve("releases");
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"))) {
      HubHarness hub = hub(broker, releases);
      try {
        URI base = URI.create(hub.base());
        try (Socket client = new Socket(base.getHost(), base.getPort())) {
          OutputStream out = client.getOutputStream();
          out.write(("PUT /api/releases HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.write(new byte[64 * 1024]);
          out.flush();
          await("the upload being received").atMost(Duration.ofSeconds(30)).until(() -> !parts(releases).isEmpty());
        } // the installer's laptop went away with 936,000 bytes still to send

        await("the cut-off upload removed").atMost(Duration.ofSeconds(30)).until(() -> parts(releases).isEmpty());
        assertThat(hub.get("/api/releases").body()).as("nothing registered").doesNotContain("upload-");
      } finally {
        hub.close();
      }
    }
  }

  @Test
  @Timeout(120)
  void aHubStartingRemovesUploadsAbandonedLongAgoButNotOneAnotherHubMayStillBeReceiving() throws Exception {
    Path releases = Files.createDirectories(dir.resolve("releases"));
    Path abandoned = Files.write(releases.resolve("upload-1111.part"), new byte[1024]);
    Files.setLastModifiedTime(abandoned,
        FileTime.from(Instant.now().minus(Releases.ABANDONED_UPLOAD).minus(Duration.ofMinutes(5))));
    Path receiving = Files.write(releases.resolve("upload-2222.part"), new byte[1024]);
    Path bundle = Files.write(releases.resolve("1.0.0.kzb"), new byte[1024]);
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"))) {
      // the age is the files' own clock's: a hub whose clock is hours ahead of the share's still keeps a young one
      HubHarness hub = hub(broker, releases, Clock.offset(Clock.systemUTC(), Duration.ofHours(3)));
      try {
        assertThat(abandoned).doesNotExist();
        assertThat(receiving).exists();
        assertThat(bundle).as("only uploads' files are touched").exists();
        try (Stream<Path> left = Files.list(releases)) {
          assertThat(left.map(f -> f.getFileName().toString())).as("the clock probe is gone")
              .containsExactlyInAnyOrder("upload-2222.part", "1.0.0.kzb");
        }
      } finally {
        hub.close();
      }
    }
  }
}
