package kuzet.hub;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocketFactory;
import kuzet.hub.api.EventStream;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditKeying;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.audit.AuditRecorder;
import kuzet.hub.audit.ConfigAudit;
import kuzet.hub.audit.PendingAudit;
import kuzet.hub.auth.Access;
import kuzet.hub.broker.TelemetryIntake;
import kuzet.hub.config.HubConfig;
import kuzet.hub.ingest.Ingest;
import kuzet.hub.logging.LogText;
import kuzet.hub.mqtt.HubIdentity;
import kuzet.hub.mqtt.MqttLink;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.hub.web.ConnectionCap;
import kuzet.protocol.ProtocolCodec;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's core on one event loop: ingest, fleet state, alert rules, commands, the live stream and the
 * HTTP API all run on this verticle's context, so they share state without locks. Blocking work (JDBC)
 * goes to the database thread. The services are built by {@link HubCore}, the routes by {@link HubRoutes}.
 */
final class HubVerticle extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(HubVerticle.class);
  static final long TICK_MS = 1_000;
  static final long HUB_EVENT_MS = 30_000;
  /** How soon a post revoked while the hub runs has its messages refused. */
  static final long REGISTRY_REFRESH_MS = 5_000;

  /** What the verticle is built from; everything here is created and closed by {@link HubApplication}. */
  record Parts(HubConfig config, Clock clock, TelemetrySink telemetry, Access access, Database db, AuditKey auditKey,
               PostRegistry registry, List<RegisteredPost> posts, PrometheusMeterRegistry meters, HubIdentity identity,
               SSLSocketFactory brokerTls, BooleanSupplier duty, TelemetryIntake intake) {}

  private final Parts parts;
  private final AtomicLong auditHead = new AtomicLong();
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
    ProtocolCodec codec = new ProtocolCodec(cfg.mqtt().topics(), parts.clock());
    EventStream stream = new EventStream(vertx, cfg.sseReplaySize(), parts.clock(), cfg.hubId(), parts.access(),
        new EventStream.Limits(cfg.httpGuards().maxStreams(), cfg.httpGuards().maxStreamsPerSession()));
    Ingest[] ingest = new Ingest[1];
    link = new MqttLink(cfg.broker(), cfg.mqtt(), parts.identity(), codec, parts.clock(), parts.brokerTls(), context,
        (topic, payload) -> ingest[0].handle(topic, payload).compose(v -> durable(topic)),
        up -> stream.publish("hub", hubStatus()));
    link.decodeTelemetryWith((topic, decoded) -> ingest[0].handle(topic, decoded).compose(v -> durable(topic)));
    if (parts.intake() != null) {
      link.telemetryFromEmbeddedBroker();
    } else {
      link.addTelemetryReaders(cfg.telemetryConnections() == 1 ? 0 : cfg.telemetryConnections());
    }
    meters(parts.meters());
    AuditLog audit = auditing();
    HubCore core = HubCore.build(vertx, context, parts, link, codec, stream, audit);
    ingest[0] = ingest(core, codec);
    router = HubRoutes.router(vertx, context, parts, core, link, stream, audit);

    vertx.<Void>executeBlocking(() -> {
      load(core);
      return null;
    }).compose(v -> core.configs().refresh()).compose(v -> {
      if (core.allActive()) {
        peers = PeerHubs.start(context, parts.db(), cfg.hubId(), core.alertStore(), core.alerts(), core.commands(),
            core.fleet(), core.shelving(), parts.meters(), change -> {
              core.fleet().post(change.postId()).ifPresent(p -> core.rules().presence(p, change));
              core.postEvents().changed(change.postId());
            });
      }
      timers(core, stream, ingest[0]);
      if (parts.intake() != null) {
        parts.intake().attach(link.intakeLane());
      }
      link.start();
      return listen(cfg);
    }).onSuccess(s -> {
      server = s;
      started.complete();
    }).onFailure(started::fail);
  }

  private void meters(MeterRegistry meters) {
    FunctionCounter.builder("kuzet.ingest.dropped", link, MqttLink::droppedTelemetry)
        .tag("reason", "overload").description("Telemetry dropped because the hub's queue to its event loop was full")
        .register(meters);
    String[] probeNames = {"kuzet.mqtt.probes.sent", "kuzet.mqtt.probes.received", "kuzet.mqtt.event.path.stalls"};
    for (int i = 0; i < probeNames.length; i++) {
      int n = i;
      FunctionCounter.builder(probeNames[i], link, l -> l.probeCounts()[n])
          .description("Probes through the hub's own events subscription: sent, received back, stalls found")
          .register(meters);
    }
    FunctionCounter.builder("kuzet.ingest.held.back", link, MqttLink::waitedTelemetry)
        .description("Telemetry that found the hub's queue full and waited (a telemetry connection stopped reading or"
            + " the embedded broker held the publish) instead of being dropped").register(meters);
    Gauge.builder("kuzet.ingest.waiting", link, MqttLink::waitingTelemetry)
        .description("Telemetry received and waiting for the event loop").register(meters);
    // An anchor outside the database: the chain proves no entry was altered, but deleting the newest ones
    // leaves a shorter valid chain. A scraper's history of this gauge shows any decrease.
    Gauge.builder("kuzet.audit.entries", auditHead, AtomicLong::get)
        .description("Sequence number of the newest audit entry; it never decreases unless entries were deleted")
        .register(meters);
  }

  /** The audit log, and every operator action through {@link Access} recorded in it. */
  private AuditLog auditing() {
    AuditLog audit = new AuditLog(parts.db(), parts.auditKey());
    parts.access().auditTo((actor, action, target, detail) -> {
      AuditRecorder.LOG_ONLY.record(actor, action, target, detail);
      audit.record(context, parts.clock().instant(), actor, action, target, detail)
          .onFailure(e -> LOG.error("could not audit {} {} {}: {}", LogText.clean(actor), action,
              LogText.clean(target), e.toString()));
    });
    return audit;
  }

  private Ingest ingest(HubCore core, ProtocolCodec codec) {
    HubConfig cfg = parts.config();
    Ingest ingest = new Ingest(context, parts.db(), parts.registry(), cfg.demo(), codec,
        new Ingest.Outputs(core.fleet(), core.rules(), ack -> {
          if (!core.configs().acked(ack)) {
            core.commands().acked(ack);
          }
        }, parts.telemetry(), core.postEvents()::changed,
            link::announcePresence), parts.meters(), parts.clock());
    ingest.preload(parts.posts());
    return ingest;
  }

  /** Blocking, once: the audit chain's start-up entries, then what the services keep in memory. */
  private void load(HubCore core) throws IOException {
    Clock clock = parts.clock();
    parts.db().callAndWait(c -> {
      AuditKeying.keyChain(c, parts.auditKey(), clock.instant());
      PendingAudit.adopt(c, parts.auditKey(), clock);
      ConfigAudit.record(c, parts.auditKey(), clock.instant(), parts.config().source().startingWith(""));
      auditHead.set(AuditLog.lastSeq(c));
      return null;
    });
    core.alerts().load();
    core.shelving().load();
    core.releases().load();
    core.rollouts().load();
  }

  private void timers(HubCore core, EventStream stream, Ingest ingest) {
    vertx.setPeriodic(TICK_MS, t -> {
      var now = parts.clock().instant();
      for (var change : core.fleet().checkHeartbeats(now)) {
        core.fleet().post(change.postId()).ifPresent(p -> core.rules().presence(p, change));
      }
      core.rules().tick(now);
    });
    vertx.setPeriodic(HUB_EVENT_MS, t -> stream.publish("hub", hubStatus()));
    vertx.setPeriodic(REGISTRY_REFRESH_MS, t -> refresh(core, ingest));
  }

  /** What changed elsewhere while the hub runs: the registry, other hubs' admins, the tools' audit entries. */
  private void refresh(HubCore core, Ingest ingest) {
    ingest.refreshRegistry().onFailure(e -> LOG.warn("could not re-read the post registry: {}", e.toString()));
    // what admins changed through other hubs
    core.configs().refresh()
        .onFailure(e -> LOG.warn("could not re-read the posts' desired settings: {}", e.toString()));
    if (peers != null) {
      peers.refresh();
    }
    // what hub operator add and other tools did while the hub runs
    parts.db().call(context, c -> {
      PendingAudit.adopt(c, parts.auditKey(), parts.clock());
      return AuditLog.lastSeq(c);
    }).onSuccess(auditHead::set)
        .onFailure(e -> LOG.error("could not chain the tools' audit entries: {}", e.toString()));
  }

  private Future<HttpServer> listen(HubConfig cfg) {
    HubConfig.HttpGuards guards = cfg.httpGuards();
    return vertx.createHttpServer(HttpServing.options(cfg.http(), guards)).requestHandler(router)
        .connectionHandler(new ConnectionCap(guards.maxConnections()))
        .listen(cfg.http().port(), cfg.http().host())
        .recover(e -> Future.failedFuture(cfg.http().tls() ? HttpServing.tlsFailure(cfg.http(), e) : e));
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
