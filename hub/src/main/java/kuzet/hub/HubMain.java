package kuzet.hub;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kuzet.hub.auth.OperatorCommand;
import kuzet.hub.config.BrokerAuth;
import kuzet.hub.config.ConfigException;
import kuzet.hub.telemetry.TelemetryStores;
import kuzet.store.ActiveLease;
import kuzet.hub.config.ConfigSource;
import kuzet.hub.config.HubConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The hub's command line: {@code hub run --config FILE} and {@code hub demo}. */
@Command(name = "hub", mixinStandardHelpOptions = true, version = "kuzet hub 0.1.0",
    description = "Kuzet hub: MQTT ingest, alerts, commands, REST API and the status board.",
    subcommands = {HubMain.Run.class, HubMain.Demo.class, OperatorCommand.class, kuzet.hub.audit.AuditCommand.class,
        kuzet.hub.backup.BackupCommand.class, kuzet.hub.backup.MigrateStoreCommand.class})
public final class HubMain implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args, new java.io.PrintWriter(System.err, true)));
  }

  /** Runs the command line; returns the exit code (2 for bad flags or configuration). */
  static int execute(String[] args, java.io.PrintWriter err) {
    return new CommandLine(new HubMain()).setErr(err).setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return e instanceof ConfigException ? 2 : 1;
    }).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "run", description = "Runs the hub with a config file (environment variables KUZET_* override it).")
  static final class Run implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Config file (Java properties format)")
    Path config;

    @Override
    public Integer call() {
      HubConfig cfg = HubConfig.from(ConfigSource.load(config, System.getenv()));
      return serve(cfg, false);
    }
  }

  @Command(name = "demo", description = {"Runs a demo hub: embedded broker open to any client on loopback (broker.auth=none),",
      "demo posts registered on first contact."})
  static final class Demo implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "./demo-data", description = "Data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--broker-port", defaultValue = "1883", description = "Embedded broker port (default: ${DEFAULT-VALUE})")
    int brokerPort;

    @Override
    public Integer call() {
      Map<String, String> values = new HashMap<>();
      values.put("hub.dataDir", dataDir.toString());
      values.put("hub.demo", "true");
      values.put("http.port", Integer.toString(httpPort));
      values.put("broker.embedded.port", Integer.toString(brokerPort));
      // the simulated posts are not provisioned: an open broker, bound to loopback (broker.embedded.host)
      values.put("broker.auth", "none");
      // the pilot's posts are staffed 08:00-20:00 (the fleet simulator's street life follows the same hours)
      values.put("alerts.staffedHours", "08:00-20:00");
      HubConfig cfg = HubConfig.from(ConfigSource.of(values, System.getenv()));
      return serve(cfg, true);
    }
  }

  /** The exit code of a hub that lost its database session: its service manager starts it again, as a standby. */
  static final int LEASE_LOST = 75;

  static int serve(HubConfig cfg, boolean demo) {
    // the slowest, unshared part of starting (the embedded QuestDB) on its own thread, before the wait, so that
    // it overlaps the database and the broker, and a standby takes over fast
    TelemetryStart telemetry = TelemetryStart.begin(cfg.telemetry(), cfg.dataDir());
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      AutoCloseable lease = lease(cfg);
      HubWiring.StoredTelemetry[] store = new HubWiring.StoredTelemetry[1];
      HubApplication hub = new HubApplication(cfg, Clock.systemUTC(),
          meters -> store[0] = HubWiring.telemetry(cfg, meters, telemetry.take()),
          HubWiring.access(cfg), registry -> HubWiring.brokerExtension(cfg, registry));
      hub.dutyFrom(lease instanceof kuzet.store.DutyLease d ? d::held : () -> true).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        hub.close();
        try {
          lease.close();
        } catch (Exception e) {
          // the process is ending; the database ends the session anyway
        }
        stopped.countDown();
      }, "hub-shutdown"));
      announce(cfg, demo, hub, store[0]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      telemetry.close();
      return 1;
    } catch (RuntimeException e) {
      telemetry.close();
      throw e;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Several hubs on one PostgreSQL database: either one is active and the others wait here, before they read any
   * state, or all are active and one at a time holds the duty of the timed work.
   */
  private static AutoCloseable lease(HubConfig cfg) throws InterruptedException {
    if (cfg.hubsMode() == kuzet.hub.config.HubsMode.ACTIVE) {
      return kuzet.store.DutyLease.start(cfg.store(), cfg.hubId(), cfg.leaseCheck());
    }
    return ActiveLease.acquire(cfg.store(), cfg.hubId(), cfg.leaseCheck(), () -> System.exit(LEASE_LOST));
  }

  private static void announce(HubConfig cfg, boolean demo, HubApplication hub, HubWiring.StoredTelemetry store) {
    String base = cfg.http().scheme() + "://" + (cfg.http().host().equals("0.0.0.0") ? "127.0.0.1" : cfg.http().host()) + ":" + hub.httpPort();
    System.out.println((demo ? "Kuzet demo hub" : "Kuzet hub") + " is up.");
    System.out.println("  Status board: " + base + "/");
    System.out.println("  API:          " + base + "/api/posts   (docs: " + base + "/api/docs/)");
    System.out.println("  Health:       " + base + "/health   Metrics: " + base + "/metrics");
    System.out.println("  MQTT broker:  " + cfg.broker().url());
    store.consoleUrl().ifPresent(url -> System.out.println("  QuestDB:      " + url + "   (telemetry, SQL console)"));
    HubConfig.Broker b = cfg.broker();
    if (b.embedded() && b.auth() == BrokerAuth.REGISTRY && b.tlsPort() > 0) {
      System.out.println("  MQTT TLS:     ssl://" + b.tlsHost() + ":" + b.tlsPort() + " (client certificates of the fleet CA)");
    } else if (b.embedded() && b.auth() == BrokerAuth.NONE) {
      System.out.println("  The embedded broker lets any client in (broker.auth=none).");
    }
  }
}
