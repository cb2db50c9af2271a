package kuzet.hub;

import com.hivemq.embedded.EmbeddedExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import kuzet.hub.auth.Access;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.hub.broker.TelemetryIntake;
import kuzet.hub.brokerauth.BrokerLockdown;
import kuzet.hub.config.BrokerAuth;
import kuzet.hub.config.HubConfig;
import kuzet.hub.mqtt.HubIdentity;
import kuzet.hub.mqtt.TlsFiles;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import kuzet.hub.telemetry.TelemetrySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub: database, registry, the embedded broker (unless an external one is configured), and
 * the core verticle. {@link #start()} and {@link #close()} block; call them from a plain thread.
 */
public final class HubApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubApplication.class);

  private final HubConfig config;
  private final Clock clock;
  private final Function<MeterRegistry, TelemetrySink> telemetryFactory;
  private TelemetrySink telemetry;
  private final Access access;
  private final Function<PostRegistry, EmbeddedExtension> brokerExtension;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Database db;
  private PostRegistry registry;
  private EmbeddedBroker broker;
  private TelemetryIntake intake;
  private Vertx vertx;
  private HubVerticle verticle;
  /** GC pauses (jvm_gc_pause_seconds): each one stops a PANIC on its way in (docs/benchmarks.md); closed with the hub. */
  private JvmGcMetrics gcMetrics;
  private java.util.function.BooleanSupplier duty = () -> true;

  /**
   * @param telemetry where telemetry goes; the hub closes it on {@link #close()}
   * @param brokerExtension builds the embedded broker's access extension from the registry; null is only allowed
   *     with {@code broker.auth=none} (see {@link BrokerLockdown#extension})
   */
  public HubApplication(HubConfig config, Clock clock, TelemetrySink telemetry, Access access,
                        Function<PostRegistry, EmbeddedExtension> brokerExtension) {
    this(config, clock, meters -> telemetry, access, brokerExtension);
  }

  /**
   * @param telemetry opens the telemetry store at {@link #start()}, given the hub's meters (for its
   *     counters in /metrics); the hub closes it on {@link #close()}
   */
  public HubApplication(HubConfig config, Clock clock, Function<MeterRegistry, TelemetrySink> telemetry, Access access,
                        Function<PostRegistry, EmbeddedExtension> brokerExtension) {
    this.config = config;
    this.clock = clock;
    this.telemetryFactory = telemetry;
    this.access = access;
    this.brokerExtension = brokerExtension;
  }

  /**
   * Whether this hub holds the duty of the timed work now (several active hubs, {@code store.hubs=active});
   * a single hub always does. Call before {@link #start()}.
   */
  public HubApplication dutyFrom(java.util.function.BooleanSupplier held) {
    this.duty = held;
    return this;
  }

  public HubApplication start() {
    db = Database.open(config.store());
    registry = new JdbcPostRegistry(db);
    List<RegisteredPost> posts = registry.all();
    // the telemetry store (an embedded QuestDB takes seconds) and the embedded broker start at the same time
    CompletableFuture<TelemetrySink> sink = CompletableFuture.supplyAsync(() -> telemetryFactory.apply(meters),
        task -> new Thread(task, "telemetry-start").start());
    if (config.broker().embedded()) {
      try {
        startEmbeddedBroker();
      } catch (RuntimeException e) {
        sink.thenAccept(TelemetrySink::close);
        throw e;
      }
    }
    new JvmMemoryMetrics().bindTo(meters);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    try {
      telemetry = sink.join();
    } catch (CompletionException e) {
      close();
      throw new IllegalStateException("the telemetry store did not start: " + rootMessage(e), e);
    }
    vertx = Vertx.vertx();
    verticle = new HubVerticle(new HubVerticle.Parts(config, clock, telemetry, access, db,
        kuzet.hub.audit.AuditKey.loadOrCreate(config.auditKeyFile()), registry, posts, meters,
        new HubIdentity(config.hubId()), config.broker().tls()
            ? TlsFiles.socketFactory(config.broker().caFile(), config.broker().certFile(), config.broker().keyFile())
            : null, duty, intake));
    try {
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("the hub did not start: " + rootMessage(e), e);
    }
    LOG.info("hub {} started: HTTP on {}:{}, broker {}", config.hubId(), config.http().host(), httpPort(),
        config.broker().url());
    return this;
  }

  private void startEmbeddedBroker() {
    HubConfig.Broker b = config.broker();
    EmbeddedExtension access;
    EmbeddedBroker.Tls tls;
    try {
      access = brokerExtension.apply(registry);
      tls = BrokerLockdown.tlsListener(b);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (access == null && b.auth() == BrokerAuth.REGISTRY) {
      close();
      throw new IllegalStateException("broker.auth=registry but no access extension was supplied for the embedded broker");
    }
    if (access == null) {
      LOG.warn("broker.auth=none: the embedded broker on {}:{} lets any client in and applies no topic rules",
          b.embeddedHost(), b.embeddedPort());
    }
    // the access extension binds a post's client id to its post id; without one anybody may publish anything.
    // The registry is asked on every publish, as the authorizer does, so a revoked post's next reading is refused.
    intake = !config.directTelemetry() ? null : new TelemetryIntake(config.mqtt().topics(),
        access == null ? null : post -> registry.find(post).filter(RegisteredPost::active).isPresent());
    broker = new EmbeddedBroker(new EmbeddedBroker.Settings(b.embeddedHost(), b.embeddedPort(), b.embeddedDataDir(),
        tls, config.embeddedBrokerInMemory()), access, intake);
    broker.start();
    io.micrometer.core.instrument.FunctionCounter.builder("kuzet.broker.dropped", broker, EmbeddedBroker::droppedMessages)
        .description("Messages the embedded broker discarded (queue full, or QoS 0 for a subscriber that could not keep up)")
        .register(meters);
    if (intake != null) {
      io.micrometer.core.instrument.FunctionCounter.builder("kuzet.broker.telemetry.taken", intake, TelemetryIntake::taken)
          .description("Telemetry the embedded broker handed straight to the hub (broker.embedded.directTelemetry)")
          .register(meters);
      io.micrometer.core.instrument.FunctionCounter.builder("kuzet.broker.read.paused", broker,
              EmbeddedBroker::readPauses)
          .description("Times the embedded broker stopped reading a client because it held more publishes than the"
              + " hub had taken (flow control: the client waits, nothing is dropped)")
          .register(meters);
      io.micrometer.core.instrument.Gauge.builder("kuzet.broker.held.peak", intake, TelemetryIntake::peakHeld)
          .description("The most telemetry publishes the embedded broker has held for the hub at once since it"
              + " started; reading pauses at a quarter of the held-publish limit (2,560 with the production heap)")
          .register(meters);
    }
  }

  public int httpPort() {
    return verticle.httpPort();
  }

  public boolean brokerConnected() {
    return verticle != null && verticle.link() != null && verticle.link().connected();
  }

  public PostRegistry registry() {
    return registry;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The HTTP routes, for the test that keeps the OpenAPI document in step with them. */
  io.vertx.ext.web.Router router() {
    return verticle.router();
  }

  @Override
  public void close() {
    if (gcMetrics != null) {
      gcMetrics.close();
      gcMetrics = null;
    }
    if (verticle != null && verticle.link() != null) {
      verticle.link().stop();
    }
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("stopping Vert.x: {}", e.toString());
      }
      vertx = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
    if (registry != null) {
      registry.close();
      registry = null;
    }
    if (telemetry != null) {
      try {
        telemetry.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the telemetry store: {}", e.toString());
      }
      telemetry = null;
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
