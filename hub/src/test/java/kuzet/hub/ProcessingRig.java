package kuzet.hub;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kuzet.hub.api.EventStream;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.auth.OpenAccess;
import kuzet.hub.config.HubConfig;
import kuzet.hub.ingest.Ingest;
import kuzet.hub.mqtt.HubIdentity;
import kuzet.hub.mqtt.MqttLink;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;

/**
 * The hub's processing as {@link HubVerticle} wires it (ingest, fleet state, every alert rule, the live stream's post
 * events) on a Vert.x context, without MQTT or HTTP: what the processing microbenchmark feeds. The MQTT link is built
 * (commands publish through it) but never started.
 */
public final class ProcessingRig implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final Context context = vertx.getOrCreateContext();
  public final List<RegisteredPost> posts;
  public final Ingest ingest;
  private final Database db;

  public ProcessingRig(Path dataDir, int postCount, TelemetrySink telemetry) throws Exception {
    HubConfig cfg = HubConfig.defaults(Map.of("hub.id", "hub-bench", "hub.dataDir", dataDir.toString(),
        "broker.embedded", "false", "broker.url", "tcp://127.0.0.1:1"));
    db = Database.open(cfg.store());
    JdbcPostRegistry registry = new JdbcPostRegistry(db);
    for (int i = 0; i < postCount; i++) {
      registry.register(new RegisteredPost(new PostId(String.format("bench-%04d", i)), PostType.MODULAR_POST,
          "Post " + i, "Alatau", 43.2, 76.9, Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
    }
    posts = registry.all();
    Clock clock = Clock.systemUTC();
    HubVerticle.Parts parts = new HubVerticle.Parts(cfg, clock, telemetry, new OpenAccess(), db,
        AuditKey.loadOrCreate(cfg.auditKeyFile()), registry, posts,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new HubIdentity(cfg.hubId()), null, () -> true, null);
    CompletableFuture<Ingest> built = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        ProtocolCodec codec = new ProtocolCodec(cfg.mqtt().topics(), clock);
        EventStream stream = new EventStream(vertx, cfg.sseReplaySize(), clock, cfg.hubId(), parts.access(),
            new EventStream.Limits(cfg.httpGuards().maxStreams(), cfg.httpGuards().maxStreamsPerSession()));
        Ingest[] in = new Ingest[1];
        MqttLink link = new MqttLink(cfg.broker(), cfg.mqtt(), parts.identity(), codec, clock, null, context,
            (topic, payload) -> in[0].handle(topic, payload), up -> { });
        HubCore core = HubCore.build(vertx, context, parts, link, codec, stream,
            new AuditLog(db, parts.auditKey()));
        in[0] = new Ingest(context, db, registry, false, codec, new Ingest.Outputs(core.fleet(), core.rules(),
            ack -> { }, telemetry, core.postEvents()::changed, () -> { }), parts.meters(), clock);
        in[0].preload(posts);
        vertx.setPeriodic(HubVerticle.TICK_MS, t -> core.rules().tick(clock.instant()));
        built.complete(in[0]);
      } catch (RuntimeException e) {
        built.completeExceptionally(e);
      }
    });
    ingest = built.get();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
    db.close();
  }
}
