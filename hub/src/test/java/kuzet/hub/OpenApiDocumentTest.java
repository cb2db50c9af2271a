package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.MbTilesFile;
import kuzet.hub.testing.TestBroker;
import kuzet.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document and the running hub's router list the same API operations, in both directions. */
class OpenApiDocumentTest {
  /** The document describes the API; the routes that serve the document and its viewer are not part of it. */
  static final Set<String> SELF_DESCRIBING = Set.of("GET /api/openapi.yaml", "GET /api/docs",
      "GET /api/docs/swagger-initializer.js");

  @TempDir
  Path dir;

  @Test
  void everyApiRouteTheHubServesIsInTheOpenApiDocumentAndNothingElse() throws Exception {
    Set<String> served = new TreeSet<>();
    Path tiles = dir.resolve("city.mbtiles"); // the tile route is mounted only with a tile file
    try (MbTilesFile f = MbTilesFile.create(tiles, "png")) {
      f.tile(0, 0, 0, new byte[] {1});
    }
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         SessionAccess access = SessionAccess.open(StoreSettings.sqlite(dir.resolve("hub/hub.db")), AuthSettings.DEFAULT, Clock.systemUTC());
         HubHarness h = new HubHarness(dir.resolve("hub"), broker, Map.of("board.mbtilesFile", tiles.toString()))
             .start(access)) {
      for (Route r : h.hub().router().getRoutes()) {
        String path = r.getPath();
        boolean api = path != null && (path.startsWith("/api/") || path.startsWith("/updates/")
            || path.startsWith("/tiles/") || path.equals("/health") || path.equals("/metrics"));
        if (api && r.isExactPath() && r.methods() != null) {
          for (HttpMethod m : r.methods()) {
            served.add(m.name() + " " + path.replaceAll(":(\\w+)", "{$1}"));
          }
        }
      }
    }
    served.removeAll(SELF_DESCRIBING);

    assertThat(served).as("routes found on the router").contains("POST /api/session", "GET /api/operators",
        "PATCH /api/operators/{username}", "POST /api/alerts/{id}/ack", "GET /tiles/{z}/{x}/{y}");
    assertThat(documented()).isEqualTo(served);
  }

  private static Set<String> documented() throws Exception {
    JsonNode doc;
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi/openapi.yaml")) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    Set<String> ops = new TreeSet<>();
    doc.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
        ops.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    return ops;
  }
}
