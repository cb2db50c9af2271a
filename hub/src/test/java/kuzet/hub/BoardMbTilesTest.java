package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import kuzet.hub.testing.MbTilesFile;
import kuzet.hub.testing.SecuredHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with {@code board.mbtilesFile} serves the file's tiles itself (the board needs no tile server and no internet):
 * over HTTP to a signed-in board, with the TMS row flipped, clear 4xx for what it does not have, and drawn under the
 * posts in a real Chromium.
 */
class BoardMbTilesTest {
  static final byte[] NORTH_WEST = png(Color.ORANGE);
  @TempDir
  static Path dir;
  static SecuredHub hub;
  static SecuredHub.Browser operator;

  @BeforeAll
  static void start() throws Exception {
    Path file = dir.resolve("almaty.mbtiles");
    try (MbTilesFile f = MbTilesFile.create(file, "png")) {
      f.tile(0, 0, 0, png(Color.DARK_GRAY)).tile(1, 0, 1, NORTH_WEST).tile(1, 0, 0, png(Color.GREEN));
      // zoom 2..12 around Almaty (43.24 N, 76.9 E), so the board has a tile under its posts whatever it fits to
      for (int z = 2; z <= 12; z++) {
        int n = 1 << z;
        int x = (int) Math.floor((76.9 + 180) / 360 * n);
        double lat = Math.toRadians(43.24);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
        for (int dx = -2; dx <= 2; dx++) {
          for (int dy = -2; dy <= 2; dy++) {
            if (x + dx >= 0 && x + dx < n && y + dy >= 0 && y + dy < n) {
              f.tile(z, x + dx, n - 1 - (y + dy), png(new Color(40, 60 + z * 10, 90)));
            }
          }
        }
      }
    }
    hub = SecuredHub.start(dir, Map.of("board.mbtilesFile", file.toString(), "board.tileAttribution", "© test city"),
        Clock.systemUTC());
    operator = hub.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aSignedInBoardGetsTheTilesWithTheRowFlippedAndClearAnswersForTheRest() throws Exception {
    assertThat(hub.get("/api/board-settings", "Cookie", operator.cookie()).body()).contains("\"tileUrl\":\"/tiles/{z}/{x}/{y}\"")
        .as("the file's deepest tiles, not its metadata's stale maxzoom 2").contains("\"tileMaxNativeZoom\":12");
    HttpResponse<byte[]> tile = tile("/tiles/1/0/0", operator.cookie());
    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(tile.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(tile.body()).as("Leaflet's y = 0 is the file's northern TMS row 1").isEqualTo(NORTH_WEST);
    assertThat(tile("/tiles/1/0/0.png", operator.cookie()).body()).isEqualTo(NORTH_WEST);

    assertThat(tile("/tiles/1/0/0", null).statusCode()).as("without a session").isEqualTo(401);
    assertThat(tile("/tiles/1/1/1", operator.cookie()).statusCode()).as("not in the file").isEqualTo(404);
    assertThat(hub.get("/tiles/1/2/0", "Cookie", operator.cookie()).body()).contains("x, y are 0..2^zoom - 1");
    assertThat(hub.get("/tiles/1/2/0", "Cookie", operator.cookie()).statusCode()).isEqualTo(400);
    assertThat(hub.get("/tiles/a/0/0", "Cookie", operator.cookie()).body()).contains("must be a whole number, not 'a'");
    assertThat(hub.get("/tiles/99999999999/0/0", "Cookie", operator.cookie()).statusCode()).isEqualTo(400);
  }

  @Test
  void theBoardDrawsTheHubsOwnTilesAndSaysNothingIsMissing() throws Exception {
    assumeTrue(Chromium.available(), "needs Debian's chromium and chromium-driver (./run test installs them)");
    try (Chromium browser = new Chromium(dir.resolve("profile"))) {
      browser.signInAt(hub.base() + "/", SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> !browser.findAll("#map img.leaflet-tile-loaded").isEmpty());
      assertThat((String) browser.script("return document.querySelector('#map img.leaflet-tile-loaded').src"))
          .startsWith(hub.base() + "/tiles/");
      // the board fits its one post at zoom 15, deeper than the file: its zoom-12 tiles are drawn enlarged
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> (Boolean) browser.script(
          "return [...document.querySelectorAll('#map img.leaflet-tile-loaded')].some(i => i.src.includes('/tiles/12/'))"));
      assertThat(browser.find("#map-notice").isDisplayed()).as("no 'tiles unavailable' notice").isFalse();
      assertThat(browser.find("#map .leaflet-control-attribution").getText()).contains("© test city");
      browser.screenshot("board-mbtiles");
      assertThat(browser.consoleErrors()).filteredOn(m -> !m.contains("/tiles/")).as("script errors").isEmpty();
    }
  }

  static HttpResponse<byte[]> tile(String path, String cookie) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(hub.base() + path));
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] png(Color c) {
    try {
      return MbTilesFile.png(c);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
