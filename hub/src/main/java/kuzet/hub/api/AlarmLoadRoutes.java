package kuzet.hub.api;

import io.vertx.ext.web.Router;
import kuzet.hub.alarmload.AlarmLoad;
import kuzet.hub.alert.AlertService;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;

/** {@code GET /api/alarm-load}: the operator's alarm load for the supervisor page and the board's flood banner. */
public final class AlarmLoadRoutes {
  private final AlarmLoad load;
  private final AlertService alerts;
  private final Access access;

  public AlarmLoadRoutes(AlarmLoad load, AlertService alerts, Access access) {
    this.load = load;
    this.alerts = alerts;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/alarm-load").handler(access.require(Role.VIEWER))
        .handler(ctx -> HttpErrors.json(ctx, 200, load.snapshot(alerts.now())));
  }
}
