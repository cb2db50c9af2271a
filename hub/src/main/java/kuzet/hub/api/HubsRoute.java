package kuzet.hub.api;

import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.store.ActiveLease;
import kuzet.store.Database;

/**
 * GET /api/hubs: which hubs are up on the shared database, read from their lease sessions (the active one holds
 * the lease, the standbys wait for it), so a hub that died is gone from the list as soon as its session is.
 */
public final class HubsRoute {
  /** One hub as the board shows it. */
  public record HubView(String hubId, String role, Instant since, boolean self) {}

  private final Context context;
  private final Database db;
  private final String self;
  private final Instant started;
  private final Access access;
  private final boolean allActive;

  /**
   * @param allActive several active hubs ({@code store.hubs=active}): the lease holder is the one on duty and the
   *                  others are active too, not standbys
   */
  public HubsRoute(Context context, Database db, String self, Instant started, Access access, boolean allActive) {
    this.allActive = allActive;
    this.context = context;
    this.db = db;
    this.self = self;
    this.started = started;
    this.access = access;
  }

  private String role(boolean holdsLease) {
    if (allActive) {
      return holdsLease ? "duty" : "peer";
    }
    return holdsLease ? "active" : "standby";
  }

  public void mount(Router router) {
    router.get("/api/hubs").handler(access.require(Role.VIEWER)).handler(this::hubs);
  }

  private void hubs(RoutingContext ctx) {
    db.call(context, ActiveLease::roster).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      List<HubView> hubs = ar.result().stream()
          .map(m -> new HubView(m.hubId(), role(m.active()), m.since(), m.hubId().equals(self)))
          .toList();
      // on SQLite there is one hub per file, this one, and no lease sessions to read
      HttpErrors.json(ctx, 200, java.util.Map.of("hubs",
          hubs.isEmpty() ? List.of(new HubView(self, "active", started, true)) : hubs));
    });
  }
}
