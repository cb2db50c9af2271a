package kuzet.hub;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertStore;
import kuzet.hub.alert.OfflineRule;
import kuzet.hub.alert.PanicRule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.alert.RuleEngine;
import kuzet.hub.api.ApiRoutes;
import kuzet.hub.api.EventStream;
import kuzet.hub.api.OpsRoutes;
import kuzet.hub.api.PostEvents;
import kuzet.hub.auth.Access;
import kuzet.hub.command.CommandService;
import kuzet.hub.config.HubConfig;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.ingest.Ingest;
import kuzet.hub.mqtt.HubIdentity;
import kuzet.hub.mqtt.MqttLink;
import kuzet.hub.registry.PostRegistry;
import kuzet.hub.registry.RegisteredPost;
import kuzet.hub.store.AuditLog;
import kuzet.hub.store.Database;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.protocol.ProtocolCodec;

/**
 * The hub's core on one event loop: ingest, fleet state, alert rules, commands, the live stream and the
 * HTTP API all run on this verticle's context, so they share state without locks. Blocking work (JDBC)
 * goes to the database thread.
 */
final class HubVerticle extends AbstractVerticle {
  static final long TICK_MS = 1_000;
  static final long HUB_EVENT_MS = 30_000;

  /** What the verticle is built from; everything here is created and closed by {@link HubApplication}. */
  record Parts(HubConfig config, Clock clock, TelemetrySink telemetry, Access access, Database db,
               PostRegistry registry, List<RegisteredPost> posts, PrometheusMeterRegistry meters, HubIdentity identity,
               SSLSocketFactory brokerTls) {}

  private final Parts parts;
  private MqttLink link;
  private HttpServer server;

  HubVerticle(Parts parts) {
    this.parts = parts;
  }

  MqttLink link() {
    return link;
  }

  int httpPort() {
    return server.actualPort();
  }

  @Override
  public void start(Promise<Void> started) {
    HubConfig cfg = parts.config();
    Clock clock = parts.clock();
    ProtocolCodec codec = new ProtocolCodec(cfg.mqtt().topics(), clock);
    EventStream stream = new EventStream(vertx, cfg.sseReplaySize(), clock.millis());
    Ingest[] ingest = new Ingest[1];
    link = new MqttLink(cfg.broker(), cfg.mqtt(), parts.identity(), codec, clock, parts.brokerTls(), context,
        (topic, payload) -> ingest[0].handle(topic, payload).compose(v -> durable(topic)),
        up -> stream.publish("hub", hubStatus()));
    link.addTelemetryReaders(cfg.telemetryConnections() == 1 ? 0 : cfg.telemetryConnections());
    io.micrometer.core.instrument.FunctionCounter.builder("kuzet.ingest.dropped", link, MqttLink::droppedTelemetry)
        .tag("reason", "overload").description("Telemetry dropped because the hub's queue to its event loop was full")
        .register(parts.meters());
    io.micrometer.core.instrument.Gauge.builder("kuzet.ingest.waiting", link, MqttLink::waitingTelemetry)
        .description("Telemetry received and waiting for the event loop").register(parts.meters());
    AuditLog audit = new AuditLog(parts.db());
    CommandService commands = new CommandService(context, link, codec, parts.identity(), parts.db(), audit, clock,
        cfg.commandTimeout(), parts.meters());
    AlertService alerts = new AlertService(context, new AlertStore(parts.db()), audit, commands, clock, parts.meters());
    FleetState fleet = new FleetState(cfg.fleet().historySize(), cfg.fleet().heartbeatTimeout(), alerts::activeCount);
    parts.posts().forEach(fleet::know);
    PostEvents postEvents = new PostEvents(vertx, fleet, stream, 1_000);
    alerts.addListener((before, after) -> {
      stream.publish("alert", after);
      postEvents.changed(kuzet.protocol.PostId.of(after.postId()));
    });
    RuleEngine rules = new RuleEngine(List.of(new PanicRule(),
        new OfflineRule(cfg.alerts().offlineGrace(), cfg.alerts().offlineStable())),
        new RuleContext(alerts, commands, clock));
    ingest[0] = new Ingest(context, parts.db(), parts.registry(), cfg.demo(), codec,
        new Ingest.Outputs(fleet, rules, commands::acked, parts.telemetry(), postEvents::changed), parts.meters(), clock);
    ingest[0].preload(parts.posts());

    Router router = Router.router(vertx);
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    parts.access().mount(router);
    new ApiRoutes(fleet, alerts, commands, stream, parts.access()).mount(router);
    new OpsRoutes(new OpsRoutes.Checks(link::connected, parts.telemetry()::healthy,
        () -> parts.db().call(context, c -> null)), parts.meters(), parts.access()).mount(router);
    router.route("/api/*").handler(ctx -> ctx.fail(404));
    // the status board (hub/src/main/resources/webroot/, owned by the board)
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    router.route().failureHandler(kuzet.hub.api.ApiFailures::handle);

    vertx.<Void>executeBlocking(() -> {
      alerts.load();
      return null;
    }).compose(v -> {
      vertx.setPeriodic(TICK_MS, t -> {
        var now = clock.instant();
        for (var change : fleet.checkHeartbeats(now)) {
          fleet.post(change.postId()).ifPresent(p -> rules.presence(p, change));
        }
        rules.tick(now);
      });
      vertx.setPeriodic(HUB_EVENT_MS, t -> stream.publish("hub", hubStatus()));
      link.start();
      return vertx.createHttpServer().requestHandler(router).listen(cfg.http().port(), cfg.http().host());
    }).onSuccess(s -> {
      server = s;
      started.complete();
    }).onFailure(started::fail);
  }

  /**
   * Completes once everything the message caused is committed: the database thread runs in order, so a
   * no-op queued after the message's writes finishes after them. Telemetry needs no such wait.
   */
  private Future<Void> durable(String topic) {
    return topic.endsWith("/telemetry") ? Future.succeededFuture() : parts.db().call(context, c -> null);
  }

  private JsonObject hubStatus() {
    return new JsonObject().put("broker", link.connected() ? "up" : "down")
        .put("store", parts.telemetry().healthy() ? "up" : "down");
  }

  @Override
  public void stop(Promise<Void> stopped) {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    closed.onComplete(ar -> stopped.complete());
  }
}
