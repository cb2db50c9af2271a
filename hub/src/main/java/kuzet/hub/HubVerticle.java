package kuzet.hub;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.vertx.ext.mail.MailClient;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.AlertAuditTrail;
import kuzet.hub.audit.ConfigAudit;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditKeying;
import kuzet.hub.audit.PendingAudit;
import kuzet.hub.escalation.EscalationRule;
import kuzet.hub.escalation.EscalationSettings;
import kuzet.hub.escalation.MailChannel;
import kuzet.hub.escalation.NotificationChannel;
import kuzet.hub.escalation.WebhookChannel;
import kuzet.hub.grouping.GroupingRule;
import kuzet.hub.grouping.GroupingSettings;
import kuzet.hub.alert.rules.AlertingRules;
import kuzet.hub.alert.rules.RuleSettingsResolver;
import kuzet.hub.alert.rules.Staffing;
import kuzet.hub.api.AlertingRoutes;
import kuzet.hub.api.AnalysisRoutes;
import kuzet.hub.api.ReportRoutes;
import kuzet.hub.analysis.Nights;
import kuzet.hub.analysis.PressLog;
import kuzet.hub.analysis.RollupKeeper;
import kuzet.hub.api.ShelvingRoutes;
import kuzet.hub.api.ConfigRoutes;
import kuzet.hub.postconfig.PostConfigs;
import kuzet.hub.api.BoardRoutes;
import kuzet.hub.api.AlarmLoadRoutes;
import kuzet.hub.alarmload.AlarmLoad;
import kuzet.hub.config.BoardSettings;
import kuzet.hub.shelving.ShelfStore;
import kuzet.hub.shelving.Shelving;
import javax.net.ssl.SSLSocketFactory;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertStore;
import kuzet.hub.alert.OfflineRule;
import kuzet.hub.alert.PanicRule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.alert.RuleEngine;
import kuzet.hub.api.ApiRoutes;
import kuzet.hub.api.EventStream;
import kuzet.hub.api.HubsRoute;
import kuzet.hub.api.OpsRoutes;
import kuzet.hub.api.PostEvents;
import kuzet.hub.auth.Access;
import kuzet.hub.command.CommandService;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.HubConfig;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.ingest.Ingest;
import kuzet.hub.mqtt.HubIdentity;
import kuzet.hub.mqtt.MqttLink;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.hub.audit.AuditLog;
import kuzet.store.Database;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.hub.web.Bodies;
import kuzet.hub.web.ConnectionCap;
import kuzet.hub.web.SecurityHeaders;
import kuzet.protocol.ProtocolCodec;

/**
 * The hub's core on one event loop: ingest, fleet state, alert rules, commands, the live stream and the
 * HTTP API all run on this verticle's context, so they share state without locks. Blocking work (JDBC)
 * goes to the database thread.
 */
final class HubVerticle extends AbstractVerticle {
  private final java.util.concurrent.atomic.AtomicLong auditHead = new java.util.concurrent.atomic.AtomicLong();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HubVerticle.class);
  static final long TICK_MS = 1_000;
  static final long HUB_EVENT_MS = 30_000;
  /** How soon a post revoked while the hub runs has its messages refused. */
  static final long REGISTRY_REFRESH_MS = 5_000;

  /** What the verticle is built from; everything here is created and closed by {@link HubApplication}. */
  record Parts(HubConfig config, Clock clock, TelemetrySink telemetry, Access access, Database db, AuditKey auditKey,
               PostRegistry registry, List<RegisteredPost> posts, PrometheusMeterRegistry meters, HubIdentity identity,
               SSLSocketFactory brokerTls, java.util.function.BooleanSupplier duty) {}

  private final Parts parts;
  private MqttLink link;
  private HttpServer server;
  private Router router;
  /** What keeps this hub in step with the other active hubs (null for a single or standby hub). */
  private PeerHubs peers;

  HubVerticle(Parts parts) {
    this.parts = parts;
  }

  MqttLink link() {
    return link;
  }

  Router router() {
    return router;
  }

  int httpPort() {
    return server.actualPort();
  }

  @Override
  public void start(Promise<Void> started) {
    HubConfig cfg = parts.config();
    Clock clock = parts.clock();
    ProtocolCodec codec = new ProtocolCodec(cfg.mqtt().topics(), clock);
    EventStream stream = new EventStream(vertx, cfg.sseReplaySize(), clock, cfg.hubId(), parts.access(),
        new EventStream.Limits(cfg.httpGuards().maxStreams(), cfg.httpGuards().maxStreamsPerSession()));
    Ingest[] ingest = new Ingest[1];
    link = new MqttLink(cfg.broker(), cfg.mqtt(), parts.identity(), codec, clock, parts.brokerTls(), context,
        (topic, payload) -> ingest[0].handle(topic, payload).compose(v -> durable(topic)),
        up -> stream.publish("hub", hubStatus()));
    link.addTelemetryReaders(cfg.telemetryConnections() == 1 ? 0 : cfg.telemetryConnections());
    io.micrometer.core.instrument.FunctionCounter.builder("kuzet.ingest.dropped", link, MqttLink::droppedTelemetry)
        .tag("reason", "overload").description("Telemetry dropped because the hub's queue to its event loop was full")
        .register(parts.meters());
    String[] probeNames = {"kuzet.mqtt.probes.sent", "kuzet.mqtt.probes.received", "kuzet.mqtt.event.path.stalls"};
    for (int i = 0; i < probeNames.length; i++) {
      int n = i;
      io.micrometer.core.instrument.FunctionCounter.builder(probeNames[i], link, l -> l.probeCounts()[n])
          .description("Probes through the hub's own events subscription: sent, received back, stalls found")
          .register(parts.meters());
    }
    io.micrometer.core.instrument.Gauge.builder("kuzet.ingest.waiting", link, MqttLink::waitingTelemetry)
        .description("Telemetry received and waiting for the event loop").register(parts.meters());
    AuditLog audit = new AuditLog(parts.db(), parts.auditKey());
    // An anchor outside the database: the chain proves no entry was altered, but deleting the newest ones
    // leaves a shorter valid chain. A scraper's history of this gauge shows any decrease.
    io.micrometer.core.instrument.Gauge.builder("kuzet.audit.entries", auditHead, java.util.concurrent.atomic.AtomicLong::get)
        .description("Sequence number of the newest audit entry; it never decreases unless entries were deleted")
        .register(parts.meters());
    parts.access().auditTo((actor, action, target, detail) -> {
      kuzet.hub.audit.AuditRecorder.LOG_ONLY.record(actor, action, target, detail);
      audit.record(context, clock.instant(), actor, action, target, detail)
          .onFailure(e -> LOG.error("could not audit {} {} {}: {}", kuzet.hub.logging.LogText.clean(actor), action,
              kuzet.hub.logging.LogText.clean(target), e.toString()));
    });
    CommandService commands = new CommandService(context, link, codec, parts.identity(), parts.db(), audit, clock,
        cfg.commandTimeout(),
        Duration.ofSeconds(cfg.source().integer(ConfigKey.COMMANDS_PANIC_STATE_EXPIRY_S, 1, 7 * 86_400)), parts.meters());
    AlertService alerts = new AlertService(context, new AlertStore(parts.db()), audit, commands, clock, parts.meters());
    alerts.holdBackChatter(cfg.alerts().chatterWindow());
    PostEvents[] changes = new PostEvents[1];
    PostConfigs configs = new PostConfigs(context, parts.db(), parts.auditKey(), link, codec, parts.identity(), clock,
        id -> changes[0].changed(id));
    FleetState fleet = new FleetState(cfg.fleet().historySize(), cfg.fleet().heartbeatTimeout(), alerts::alarms,
        configs);
    parts.posts().forEach(fleet::know);
    PostEvents postEvents = new PostEvents(vertx, fleet, stream, 1_000);
    changes[0] = postEvents;
    alerts.addListener(new AlertAuditTrail(context, audit, clock));
    alerts.addListener((before, after) -> {
      stream.publish("alert", after);
      postEvents.changed(kuzet.protocol.PostId.of(after.postId()));
    });
    RuleSettingsResolver ruleSettings = new RuleSettingsResolver(cfg.source());
    Staffing staffing = new Staffing(ruleSettings, id -> configs.window(id, kuzet.protocol.PostSetting.STAFFED_HOURS));
    List<Rule> ruleList = new ArrayList<>(List.of(new PanicRule(),
        new OfflineRule(cfg.alerts().offlineGrace(), cfg.alerts().offlineStable())));
    boolean allActive = cfg.hubsMode() == kuzet.hub.config.HubsMode.ACTIVE;
    fleet.checkSequences(!allActive);
    ruleList.addAll(AlertingRules.all(ruleSettings, staffing, !allActive));
    ruleList.add(configs);
    ruleList.add(new PressLog(context, parts.db()));
    ruleList.add(new RollupKeeper(context, parts.db(), new Nights(ruleSettings.zone())));
    Shelving shelving = new Shelving(context, new ShelfStore(parts.db()), audit, alerts, clock, cfg.alerts().shelveMax());
    shelving.addListener(s -> stream.publish("shelf", s));
    ruleList.add(shelving);
    AlarmLoad alarmLoad = new AlarmLoad(alerts, parts.meters());
    alerts.addListener(alarmLoad);
    ruleList.add(alarmLoad);
    // grouping runs before escalation in each tick, so a folded alert is not escalated on its own; for
    // the same reason groupable alerts wait for the tick while all others escalate the moment they open
    GroupingSettings grouping = GroupingSettings.from(cfg.source());
    ruleList.add(new GroupingRule(grouping));
    EscalationRule escalation = escalation(EscalationSettings.from(cfg.source()), alerts,
        a -> grouping.types().contains(a.type()));
    alerts.addOpener(a -> escalation.opening(a, alerts));
    ruleList.add(escalation);
    kuzet.hub.update.Releases releases = new kuzet.hub.update.Releases(context, parts.db(), audit, clock,
        cfg.source().string(ConfigKey.UPDATES_DIR).isEmpty() ? cfg.dataDir().resolve("releases")
            : java.nio.file.Path.of(cfg.source().string(ConfigKey.UPDATES_DIR)));
    kuzet.hub.update.Rollouts rollouts = new kuzet.hub.update.Rollouts(context, releases, commands, audit, clock,
        cfg.source().string(ConfigKey.UPDATES_BASE_URL),
        Duration.ofSeconds(cfg.source().integer(ConfigKey.UPDATES_RESEND_S, 5, 86_400)),
        Duration.ofSeconds(cfg.source().integer(ConfigKey.UPDATES_TOKEN_TTL_S, 60, 30 * 86_400)));
    ruleList.add(rollouts);
    RuleEngine rules = new RuleEngine(ruleList, new RuleContext(alerts, commands, clock, parts.duty()));
    ingest[0] = new Ingest(context, parts.db(), parts.registry(), cfg.demo(), codec,
        new Ingest.Outputs(fleet, rules, ack -> {
          if (!configs.acked(ack)) {
            commands.acked(ack);
          }
        }, parts.telemetry(), postEvents::changed,
            link::announcePresence), parts.meters(), clock);
    ingest[0].preload(parts.posts());

    router = Router.router(vertx);
    router.route().handler(SecurityHeaders::apply);
    // sign-in and operator routes bring their own, smaller body limit: only the first body handler a request
    // meets reads it, so they are mounted before the catch-all
    parts.access().mount(router);
    kuzet.hub.api.UpdateRoutes updateRoutes = new kuzet.hub.api.UpdateRoutes(fleet, releases, rollouts, parts.access());
    updateRoutes.mountUpload(router);
    router.route("/api/*").handler(Bodies.limit(Bodies.API_LIMIT));
    updateRoutes.mount(router);
    new ApiRoutes(fleet, alerts, commands, stream, parts.access()).mount(router);
    new AlertingRoutes(context, fleet, alerts, staffing, audit, parts.access(), clock).mount(router);
    new ShelvingRoutes(fleet, shelving, parts.access()).mount(router);
    new ConfigRoutes(fleet, configs, parts.access()).mount(router);
    new AlarmLoadRoutes(alarmLoad, alerts, parts.access()).mount(router);
    new BoardRoutes(vertx, BoardSettings.from(cfg.source()), parts.access()).mount(router);
    new ReportRoutes(context, parts.db(), parts.access(), ruleSettings.zone()).mount(router);
    new HubsRoute(context, parts.db(), cfg.hubId(), clock.instant(), parts.access(), allActive).mount(router);
    new AnalysisRoutes(vertx, parts.db(), parts.access(), ruleSettings.zone()).mount(router);
    new OpsRoutes(new OpsRoutes.Checks(link::delivering, parts.telemetry()::healthy,
        () -> parts.db().call(context, c -> null)), parts.meters(), parts.access(), cfg.httpGuards().metricsToken())
        .mount(router);
    router.route("/api/*").handler(ctx -> ctx.fail(404));
    // the board's libraries come from WebJars in the jar: no CDN, so it works on a network without internet
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    // the status board; no caching, so an upgraded hub never serves an operator yesterday's script
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
    router.route().failureHandler(kuzet.hub.api.ApiFailures::handle);

    vertx.<Void>executeBlocking(() -> {
      parts.db().callAndWait(c -> {
        AuditKeying.keyChain(c, parts.auditKey(), clock.instant());
        PendingAudit.adopt(c, parts.auditKey(), clock);
        ConfigAudit.record(c, parts.auditKey(), clock.instant(), cfg.source().startingWith(""));
        auditHead.set(AuditLog.lastSeq(c));
        return null;
      });
      alerts.load();
      shelving.load();
      releases.load();
      rollouts.load();
      return null;
    }).compose(v -> configs.refresh()).compose(v -> {
      if (allActive) {
        peers = PeerHubs.start(context, parts.db(), cfg.hubId(), alerts, commands, fleet, shelving, change -> {
          fleet.post(change.postId()).ifPresent(p -> rules.presence(p, change));
          postEvents.changed(change.postId());
        });
      }
      vertx.setPeriodic(TICK_MS, t -> {
        var now = clock.instant();
        for (var change : fleet.checkHeartbeats(now)) {
          fleet.post(change.postId()).ifPresent(p -> rules.presence(p, change));
        }
        rules.tick(now);
      });
      vertx.setPeriodic(HUB_EVENT_MS, t -> stream.publish("hub", hubStatus()));
      vertx.setPeriodic(REGISTRY_REFRESH_MS, t -> {
        ingest[0].refreshRegistry().onFailure(e -> LOG.warn("could not re-read the post registry: {}", e.toString()));
        // what admins changed through other hubs
        configs.refresh().onFailure(e -> LOG.warn("could not re-read the posts' desired settings: {}", e.toString()));
        if (peers != null) {
          peers.refresh();
        }
        // what hub operator add and other tools did while the hub runs
        parts.db().call(context, c -> {
          PendingAudit.adopt(c, parts.auditKey(), clock);
          return AuditLog.lastSeq(c);
        }).onSuccess(auditHead::set)
            .onFailure(e -> LOG.error("could not chain the tools' audit entries: {}", e.toString()));
      });
      link.start();
      HubConfig.HttpGuards guards = cfg.httpGuards();
      return vertx.createHttpServer(serverOptions(cfg.http(), guards)).requestHandler(router)
          .connectionHandler(new ConnectionCap(guards.maxConnections()))
          .listen(cfg.http().port(), cfg.http().host())
          .recover(e -> Future.failedFuture(cfg.http().tls() ? tlsFailure(cfg.http(), e) : e));
    }).onSuccess(s -> {
      server = s;
      started.complete();
    }).onFailure(started::fail);
  }

  private EscalationRule escalation(EscalationSettings settings, AlertService alerts,
                                    java.util.function.Predicate<kuzet.hub.alert.Alert> deferred) {
    List<NotificationChannel> channels = new ArrayList<>();
    channels.add(new WebhookChannel(vertx, settings.webhook(),
        id -> alerts.get(id).map(a -> a.state() == AlertState.OPEN).orElse(false)));
    if (settings.smtp() != null) {
      channels.add(new MailChannel(MailClient.create(vertx, settings.smtp()), settings.mailFrom()));
    }
    return new EscalationRule(settings, channels, deferred);
  }

  private static HttpServerOptions serverOptions(HubConfig.Http http, HubConfig.HttpGuards guards) {
    // a connection that sends nothing (a slow or abandoned client) is closed rather than held forever
    HttpServerOptions o = new HttpServerOptions().setIdleTimeout(guards.idleTimeoutS())
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)
        // no cleartext HTTP/2 detection: it waits for a connection's first bytes before the connection counts
        // (ConnectionCap) or its idle timer runs, so silent connections would pile up unseen
        .setHttp2ClearTextEnabled(false);
    if (http.tls()) {
      o.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(http.tlsCert().toString()).setKeyPath(http.tlsKey().toString()));
    }
    return o;
  }

  /** Vert.x reads the PEM files only when it listens; its message does not say which setting was wrong. */
  private static ConfigException tlsFailure(HubConfig.Http http, Throwable e) {
    return new ConfigException(ConfigKey.HTTP_TLS_CERT.key(), "cannot serve HTTPS with certificate " + http.tlsCert()
        + " and key " + http.tlsKey() + " (" + ConfigKey.HTTP_TLS_KEY.key() + "): " + e.getMessage());
  }

  /**
   * Completes once everything the message caused is committed: the database thread runs in order, so a
   * no-op queued after the message's writes finishes after them. Telemetry needs no such wait.
   */
  private Future<Void> durable(String topic) {
    return topic.endsWith("/telemetry") ? Future.succeededFuture() : parts.db().call(context, c -> null);
  }

  private JsonObject hubStatus() {
    return new JsonObject().put("broker", link.delivering() ? "up" : "down")
        .put("store", parts.telemetry().healthy() ? "up" : "down");
  }

  @Override
  public void stop(Promise<Void> stopped) {
    if (peers != null) {
      peers.close();
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    closed.onComplete(ar -> stopped.complete());
  }
}
