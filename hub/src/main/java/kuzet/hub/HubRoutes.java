package kuzet.hub;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import kuzet.hub.api.AlarmLoadRoutes;
import kuzet.hub.api.AlertingRoutes;
import kuzet.hub.api.AnalysisRoutes;
import kuzet.hub.api.ApiFailures;
import kuzet.hub.api.ApiRoutes;
import kuzet.hub.api.BoardRoutes;
import kuzet.hub.api.ConfigRoutes;
import kuzet.hub.api.EventStream;
import kuzet.hub.api.HubsRoute;
import kuzet.hub.api.OpsRoutes;
import kuzet.hub.api.ReportRoutes;
import kuzet.hub.api.ShelvingRoutes;
import kuzet.hub.api.UpdateRoutes;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.config.BoardSettings;
import kuzet.hub.config.HubConfig;
import kuzet.hub.mqtt.MqttLink;
import kuzet.hub.web.Bodies;
import kuzet.hub.web.SecurityHeaders;

/** The hub's HTTP routes: the API, the live stream, the board and its libraries, in the order they must match. */
final class HubRoutes {
  private HubRoutes() {}

  static Router router(Vertx vertx, Context context, HubVerticle.Parts parts, HubCore core, MqttLink link,
                       EventStream stream, AuditLog audit) {
    HubConfig cfg = parts.config();
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::apply);
    // sign-in and operator routes bring their own, smaller body limit: only the first body handler a request
    // meets reads it, so they are mounted before the catch-all
    parts.access().mount(router);
    UpdateRoutes updateRoutes = new UpdateRoutes(core.fleet(), core.releases(), core.rollouts(), parts.access());
    updateRoutes.mountUpload(router);
    router.route("/api/*").handler(Bodies.limit(Bodies.API_LIMIT));
    updateRoutes.mount(router);
    new ApiRoutes(core.fleet(), core.alerts(), core.commands(), stream, parts.access()).mount(router);
    new AlertingRoutes(context, core.fleet(), core.alerts(), core.staffing(), audit, parts.access(), parts.clock())
        .mount(router);
    new ShelvingRoutes(core.fleet(), core.shelving(), parts.access()).mount(router);
    new ConfigRoutes(core.fleet(), core.configs(), parts.access()).mount(router);
    new AlarmLoadRoutes(core.alarmLoad(), core.alerts(), parts.access()).mount(router);
    new BoardRoutes(vertx, BoardSettings.from(cfg.source()), parts.access()).mount(router);
    new ReportRoutes(context, parts.db(), parts.access(), core.ruleSettings().zone()).mount(router);
    new HubsRoute(context, parts.db(), cfg.hubId(), parts.clock().instant(), parts.access(), core.allActive())
        .mount(router);
    new AnalysisRoutes(vertx, parts.db(), parts.access(), core.ruleSettings().zone()).mount(router);
    new OpsRoutes(new OpsRoutes.Checks(link::delivering, parts.telemetry()::healthy,
        () -> parts.db().call(context, c -> null)), parts.meters(), parts.access(), cfg.httpGuards().metricsToken())
        .mount(router);
    router.route("/api/*").handler(ctx -> ctx.fail(404));
    // the board's libraries come from WebJars in the jar: no CDN, so it works on a network without internet
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    // the status board; no caching, so an upgraded hub never serves an operator yesterday's script
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
    router.route().failureHandler(ApiFailures::handle);
    return router;
  }
}
