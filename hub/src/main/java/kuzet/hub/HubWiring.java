package kuzet.hub;

import com.hivemq.embedded.EmbeddedExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import kuzet.hub.auth.Access;
import java.time.Clock;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.DemoOperator;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.brokerauth.BrokerLockdown;
import kuzet.hub.config.HubConfig;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.hub.telemetry.TelemetryStore;
import kuzet.hub.telemetry.TelemetryStores;
import kuzet.protocol.Telemetry;

/**
 * The three parts other components supply to the hub. Each is one line, so that the telemetry store,
 * the sign-in scheme and the broker's device access rules plug in here without touching the rest.
 */
public final class HubWiring {
  private HubWiring() {}

  /** Where telemetry is stored: InfluxDB at telemetry.url, or else the embedded QuestDB under hub.dataDir. */
  public static StoredTelemetry telemetry(HubConfig config, MeterRegistry meters) {
    return new StoredTelemetry(TelemetryStores.start(config.telemetry(), config.dataDir(), meters));
  }

  /** The telemetry store on what was prepared while the hub waited as a standby. */
  static StoredTelemetry telemetry(HubConfig config, MeterRegistry meters, TelemetryStores.Prepared prepared) {
    return new StoredTelemetry(TelemetryStores.start(config.telemetry(), config.dataDir(), meters, prepared));
  }

  /** Who may call the API: signed-in operators with roles. The demo gets one generated admin sign-in. */
  static Access access(HubConfig config) {
    if (config.demo()) {
      DemoOperator.createIfNone(config.store(), config.auditKeyFile(), Clock.systemUTC()).ifPresent(credentials ->
          System.out.println("  Board sign-in (shown once): " + credentials));
    }
    SessionAccess access = SessionAccess.open(config.store(),
        AuthSettings.from(config.signIn()), Clock.systemUTC());
    if (access.operatorCount() == 0) {
      System.out.println("  Nobody can sign in to the board yet: create the first admin with"
          + " 'hub operator add --config FILE --username NAME' (it prints a generated password once).");
    }
    return access;
  }

  /** The embedded broker's access rules on the registry (broker.auth=registry); null with broker.auth=none. */
  static EmbeddedExtension brokerExtension(HubConfig config, PostRegistry registry) {
    return BrokerLockdown.extension(config, registry);
  }

  /** The running store as the hub's sink: closing it stops the writer (flush or spill), then QuestDB. */
  public static final class StoredTelemetry implements TelemetrySink {
    private final TelemetryStore store;

    StoredTelemetry(TelemetryStore store) {
      this.store = store;
    }

    /** QuestDB's web console, when the hub runs the embedded one. */
    public Optional<String> consoleUrl() {
      return store.consoleUrl();
    }

    @Override
    public void accept(RegisteredPost post, Telemetry telemetry) {
      store.sink().accept(post, telemetry);
    }

    @Override
    public boolean healthy() {
      return store.sink().healthy();
    }

    @Override
    public void close() {
      store.close();
    }
  }

  /** For hubs that need no storage (tests of other parts): telemetry updates the fleet state and is not kept. */
  static final class DiscardingTelemetry implements TelemetrySink {
    @Override
    public void accept(RegisteredPost post, Telemetry telemetry) {
      // nothing stores it
    }

    @Override
    public boolean healthy() {
      return true;
    }

    @Override
    public void close() {
      // nothing to close
    }
  }
}
