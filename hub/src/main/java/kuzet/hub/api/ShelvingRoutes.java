package kuzet.hub.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.shelving.Shelving;

/** Shelving an alert type at one post: list (VIEWER), shelve and take off (OPERATOR). */
public final class ShelvingRoutes {
  private final FleetState fleet;
  private final Shelving shelving;
  private final Access access;

  public ShelvingRoutes(FleetState fleet, Shelving shelving, Access access) {
    this.fleet = fleet;
    this.shelving = shelving;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/shelves").handler(access.require(Role.VIEWER)).handler(ctx -> HttpErrors.json(ctx, 200,
        Map.of("maxMinutes", shelving.max().toMinutes(), "shelves", shelving.standing())));
    router.post("/api/shelves").handler(access.require(Role.OPERATOR)).handler(this::shelve);
    router.delete("/api/shelves/:id").handler(access.require(Role.OPERATOR)).handler(this::unshelve);
  }

  private void shelve(RoutingContext ctx) {
    ShelfRequest r = ShelfRequest.parse(RequestBodies.object(ctx), shelving.max());
    if (fleet.post(r.postId()).isEmpty()) {
      throw HttpErrors.notFound("no post '" + r.postId() + "' is registered");
    }
    shelving.shelve(r.postId().value(), r.type(), r.length(), r.reason(), access.principal(ctx))
        .onSuccess(s -> HttpErrors.json(ctx, 201, s)).onFailure(ctx::fail);
  }

  private void unshelve(RoutingContext ctx) {
    UUID id = RequestBodies.uuid(ctx, "shelf");
    shelving.unshelve(id, access.principal(ctx))
        .orElseThrow(() -> HttpErrors.notFound("no standing shelf with id " + id))
        .onSuccess(s -> HttpErrors.json(ctx, 200, s)).onFailure(ctx::fail);
  }
}
