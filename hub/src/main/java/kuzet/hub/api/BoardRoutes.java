package kuzet.hub.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.config.BoardSettings;

/** The installer's map settings for the board: tile server, attribution, district boundaries (docs/board.md). */
public final class BoardRoutes {
  private final Vertx vertx;
  private final BoardSettings settings;
  private final Access access;

  public BoardRoutes(Vertx vertx, BoardSettings settings, Access access) {
    this.vertx = vertx;
    this.settings = settings;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/board-settings").handler(access.require(Role.VIEWER)).handler(ctx -> HttpErrors.json(ctx, 200,
        new JsonObject().put("tileUrl", settings.tileUrl()).put("tileAttribution", settings.tileAttribution())
            .put("districts", settings.districtsFile() != null).getMap()));
    router.get("/api/districts").handler(access.require(Role.VIEWER)).handler(ctx -> {
      if (settings.districtsFile() == null) {
        throw HttpErrors.notFound("no district boundaries are configured (board.districtsFile)");
      }
      vertx.fileSystem().readFile(settings.districtsFile().toString()).onSuccess(b -> ctx.response()
          .putHeader("content-type", "application/geo+json").putHeader("cache-control", "no-store").end(b))
          .onFailure(ctx::fail);
    });
  }
}
