package kuzet.hub.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.config.BoardSettings;
import kuzet.hub.tiles.MbTiles;

/**
 * The installer's map settings for the board: tile server or the MBTiles file the hub serves itself, attribution,
 * district boundaries (docs/board.md).
 */
public final class BoardRoutes {
  private final Vertx vertx;
  private final BoardSettings settings;
  private final Access access;
  /** Opened on the first tile asked for, on a worker thread; the file was checked when the hub started. */
  private MbTiles tiles;

  public BoardRoutes(Vertx vertx, BoardSettings settings, Access access) {
    this.vertx = vertx;
    this.settings = settings;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/board-settings").handler(access.require(Role.VIEWER)).handler(ctx -> {
      JsonObject body = new JsonObject().put("tileUrl", settings.tileUrl())
          .put("tileAttribution", settings.tileAttribution()).put("districts", settings.districtsFile() != null);
      if (settings.mbtilesFile() == null) {
        HttpErrors.json(ctx, 200, body.getMap());
        return;
      }
      vertx.executeBlocking(() -> tiles().maxZoom(), false).onSuccess(z -> {
        z.ifPresent(max -> body.put("tileMaxNativeZoom", max));
        HttpErrors.json(ctx, 200, body.getMap());
      }).onFailure(ctx::fail);
    });
    router.get("/api/districts").handler(access.require(Role.VIEWER)).handler(ctx -> {
      if (settings.districtsFile() == null) {
        throw HttpErrors.notFound("no district boundaries are configured (board.districtsFile)");
      }
      vertx.fileSystem().readFile(settings.districtsFile().toString()).onSuccess(b -> ctx.response()
          .putHeader("content-type", "application/geo+json").putHeader("cache-control", "no-store").end(b))
          .onFailure(ctx::fail);
    });
    if (settings.mbtilesFile() != null) {
      router.get("/tiles/:z/:x/:y").handler(access.require(Role.VIEWER)).handler(this::tile);
    }
  }

  private void tile(RoutingContext ctx) {
    int z = coordinate(ctx, "z");
    int x = coordinate(ctx, "x");
    int y = coordinate(ctx, "y");
    if (!MbTiles.exists(z, x, y)) {
      throw HttpErrors.badRequest("no map tile " + z + "/" + x + "/" + y + ": zoom is 0.." + MbTiles.MAX_ZOOM
          + " and x, y are 0.." + "2^zoom - 1");
    }
    // SQLite reads block: on a worker, not on the event loop; unordered, so one slow read holds no other back
    vertx.<Optional<byte[]>>executeBlocking(() -> tiles().tile(z, x, y), false).onSuccess(found -> {
      if (found.isEmpty()) {
        HttpErrors.send(ctx, 404, "the MBTiles file has no tile " + z + "/" + x + "/" + y);
        return;
      }
      ctx.response().putHeader("content-type", tiles.contentType()).putHeader("cache-control", "private, max-age=3600")
          .end(Buffer.buffer(found.get()));
    }).onFailure(ctx::fail);
  }

  private synchronized MbTiles tiles() {
    if (tiles == null) {
      tiles = MbTiles.open(settings.mbtilesFile());
    }
    return tiles;
  }

  private static int coordinate(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    // Leaflet asks for /tiles/z/x/y; an installer's tool may add the image's extension to y
    String digits = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
    if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(Character::isDigit)) {
      throw HttpErrors.badRequest("map tile coordinate " + name + " must be a whole number, not '" + v + "'");
    }
    return Integer.parseInt(digits);
  }
}
