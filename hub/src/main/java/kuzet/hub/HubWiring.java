package kuzet.hub;

import com.hivemq.embedded.EmbeddedExtension;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.OpenAccess;
import kuzet.hub.brokerauth.BrokerLockdown;
import kuzet.hub.config.HubConfig;
import kuzet.hub.registry.PostRegistry;
import kuzet.hub.registry.RegisteredPost;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.protocol.Telemetry;
import org.slf4j.LoggerFactory;

/**
 * The three parts other components supply to the hub. Each is one line, so that the telemetry store,
 * the sign-in scheme and the broker's device access rules plug in here without touching the rest.
 */
final class HubWiring {
  private HubWiring() {}

  /** Where telemetry is stored (InfluxDB or the embedded QuestDB). */
  static TelemetrySink telemetry(HubConfig config) {
    return new DiscardingTelemetry();
  }

  /** Who may call the API. */
  static Access access(HubConfig config) {
    LoggerFactory.getLogger(HubWiring.class).warn("no sign-in is wired: every caller is an admin (OpenAccess)");
    return new OpenAccess();
  }

  /** The embedded broker's access rules on the registry (broker.auth=registry); null with broker.auth=none. */
  static EmbeddedExtension brokerExtension(HubConfig config, PostRegistry registry) {
    return BrokerLockdown.extension(config, registry);
  }

  /** Until a store is wired: telemetry updates the fleet state and charts, and is not kept. */
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
