package kuzet.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.release.Digests;
import kuzet.release.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release downloads over a real HTTP server that drops connections part-way, as a weak mobile link does. */
class DownloaderTest {
  private static final String TOKEN = "a-download-token-1234";
  @TempDir
  Path dir;
  private HttpServer server;
  private byte[] bundle;
  /** Bytes served before the connection is dropped, per request in turn; past the list, everything. */
  private final List<Integer> cuts = new CopyOnWriteArrayList<>();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  /** Whether a cut connection stays open, silent, instead of closing. */
  private volatile boolean stalls;
  private final Downloader downloader = new Downloader(null, Duration.ofSeconds(1), 4, Duration.ofMillis(10));

  @BeforeEach
  void serve() throws IOException {
    bundle = new byte[300_000];
    new Random(7).nextBytes(bundle);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/updates/bundle", this::answer);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      ex.sendResponseHeaders(401, -1);
      ex.close();
      return;
    }
    String range = ex.getRequestHeaders().getFirst("Range");
    ranges.add(String.valueOf(range));
    int from = range == null ? 0 : Integer.parseInt(range.substring(6, range.length() - 1));
    if (range != null) {
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bundle.length - 1) + "/" + bundle.length);
    }
    ex.sendResponseHeaders(range == null ? 200 : 206, bundle.length - from);
    int cut = cuts.isEmpty() ? bundle.length - from : Math.min(cuts.remove(0), bundle.length - from);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bundle, from, cut);
      out.flush();
      if (stalls && cut < bundle.length - from) {
        Thread.sleep(5_000);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
    ex.close();
  }

  private Downloader.Wanted wanted(String sha256) {
    return new Downloader.Wanted(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/updates/bundle"),
        TOKEN, bundle.length, sha256);
  }

  private String sha() throws IOException {
    Path f = Files.write(dir.resolve("whole"), bundle);
    return Digests.sha256(f);
  }

  @Test
  void aDroppedDownloadResumesWhereItStoppedInsteadOfStartingAgain() throws Exception {
    cuts.addAll(List.of(100_000, 50_000));
    Path part = dir.resolve("r.part");
    downloader.fetch(wanted(sha()), part);
    assertThat(Files.readAllBytes(part)).isEqualTo(bundle);
    assertThat(ranges).containsExactly("null", "bytes=100000-", "bytes=150000-");
  }

  @Test
  void aPartialFileFromAnEarlierBootIsContinued() throws Exception {
    Path part = Files.write(dir.resolve("r.part"), java.util.Arrays.copyOf(bundle, 200_000));
    downloader.fetch(wanted(sha()), part);
    assertThat(Files.readAllBytes(part)).isEqualTo(bundle);
    assertThat(ranges).containsExactly("bytes=200000-");
  }

  @Test
  void aLinkThatKeepsDroppingEndsAsTruncatedWithHowFarItGot() throws Exception {
    cuts.addAll(List.of(1_000, 1_000, 1_000, 1_000));
    String sha = sha();
    assertThatThrownBy(() -> downloader.fetch(wanted(sha), dir.resolve("r.part"))).isInstanceOf(Refusal.class)
        .hasMessageContaining("4000 of 300000 bytes")
        .extracting(e -> ((Refusal) e).reason()).isEqualTo(Refusal.Reason.TRUNCATED);
  }

  @Test
  void aLinkThatStallsWithoutClosingEndsTheAttemptInsteadOfHangingTheUpdate() throws Exception {
    stalls = true;
    cuts.addAll(List.of(1_000, 1_000, 1_000, 1_000));
    String sha = sha();
    assertThatThrownBy(() -> downloader.fetch(wanted(sha), dir.resolve("r.part"))).isInstanceOf(Refusal.class)
        .hasMessageContaining("4000 of 300000 bytes").hasMessageContaining("timed out");
  }

  @Test
  void aCompleteDownloadWithAnotherHashIsTamperedAndNotKept() {
    Path part = dir.resolve("r.part");
    assertThatThrownBy(() -> downloader.fetch(wanted("0".repeat(64)), part)).isInstanceOf(Refusal.class)
        .extracting(e -> ((Refusal) e).reason()).isEqualTo(Refusal.Reason.TAMPERED);
    assertThat(part).doesNotExist();
  }
}
