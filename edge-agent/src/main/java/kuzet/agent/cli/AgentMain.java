package kuzet.agent.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigException;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.agent.Agent;
import kuzet.agent.simulator.ControlChannel;
import kuzet.agent.simulator.FleetSimulator;
import kuzet.protocol.PilotFleet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar edge-agent.jar --config agent.conf}, or {@code ... simulate --posts 50 --broker tcp://...}, or
 * {@code ... load --posts 1000 --rate 30000 --broker tcp://...}, or {@code ... install ...}.
 */
@Command(name = "kuzet-agent", mixinStandardHelpOptions = true,
    subcommands = {AgentMain.Simulate.class, LoadCommand.class, AgentMain.Install.class},
    description = "Runs a Kuzet post's edge agent.")
public final class AgentMain implements Callable<Integer> {
  /**
   * The exit code that asks the supervisor to start the agent again: a new release was installed (or one on trial ran
   * out of time). The systemd unit restarts on every exit (Restart=always), so this is for the journal and for tests.
   */
  public static final int RESTART = 3;

  @Option(names = "--config", description = "the agent's configuration file (required unless a subcommand is given)")
  Path config;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AgentMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (config == null) {
      System.err.println("--config is required: java -jar edge-agent.jar --config agent.conf");
      return 2;
    }
    AgentConfig cfg;
    try {
      cfg = ConfigLoader.load(config, System.getenv());
    } catch (ConfigException e) {
      System.err.println("invalid configuration: " + e.getMessage());
      return 2;
    }
    Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), cfg.platform());
    // exit from a thread of its own: the shutdown hook stops the agent's threads, the caller among them
    Agent agent = new Agent(cfg, hw.board(), Clock.systemUTC(), config, System.nanoTime())
        .restartBy(() -> new Thread(() -> System.exit(RESTART), "restart").start()).start();
    awaitShutdown(() -> {
      agent.close();
      hw.close();
    });
    return 0;
  }

  static void awaitShutdown(Runnable onStop) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      onStop.run();
      done.countDown();
    }, "shutdown"));
    done.await();
  }

  /** First install of a signed release (docs/installer-guide.md): verified, then made current and stable. */
  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Verifies a signed release bundle and installs it as the current and stable release.")
  static final class Install implements Callable<Integer> {
    @Option(names = "--bundle", required = true, description = "the release bundle (.kzb)")
    Path bundle;
    @Option(names = "--public-key", required = true, description = "the release public key (release.pub of the device bundle)")
    Path publicKey;
    @Option(names = "--install-dir", defaultValue = "/opt/kuzet", description = "default ${DEFAULT-VALUE}")
    Path installDir;

    @Override
    public Integer call() {
      try {
        var v = new kuzet.agent.update.InstallLayout(installDir)
            .installTrusted(bundle, kuzet.release.ReleaseKeys.readPublic(publicKey));
        System.out.println("installed release " + v + " in " + installDir + " (current and stable)");
        return 0;
      } catch (kuzet.release.Refusal e) {
        System.err.println("refused (" + e.reason() + "): " + e.getMessage());
        return 1;
      } catch (java.io.IOException e) {
        System.err.println("cannot install: " + e.getMessage());
        return 1;
      }
    }
  }

  /** The fleet simulator: N full agents on Pi4J's mock platform in this JVM. */
  @Command(name = "simulate", mixinStandardHelpOptions = true, description = "Runs N simulated posts around Alatau, Almaty.")
  static final class Simulate implements Callable<Integer> {
    @Option(names = "--posts", defaultValue = "50", description = "number of posts (1..2000), default ${DEFAULT-VALUE}")
    int posts;
    @Option(names = "--broker", required = true, description = "broker URL, tcp://host:port or ssl://host:port")
    String broker;
    @Option(names = "--seed", defaultValue = "42", description = "seed for placement, readings and events")
    long seed;
    @Option(names = "--data-dir", required = true, description = "directory for the posts' outboxes")
    Path dataDir;
    @Option(names = "--id-prefix", defaultValue = "alatau", description = "post ids are PREFIX-001 ..")
    String idPrefix;
    @Option(names = "--username")
    String username;
    @Option(names = "--password")
    String password;
    @Option(names = "--ca-file")
    Path caFile;
    @Option(names = "--cert-file")
    Path certFile;
    @Option(names = "--key-file")
    Path keyFile;
    @Option(names = "--telemetry-interval", defaultValue = "10", description = "seconds between telemetry samples")
    int telemetryInterval;
    @Option(names = "--pilot", description = "run the pilot's fleet (named posts of Uzhet, Alatau and Keremet, Bostandyk) instead of PREFIX-001 ..")
    boolean pilot;
    @Option(names = "--no-scenario", description = "no random street life: events only from the control channel")
    boolean noScenario;
    @Option(names = "--control-stdin", description = "accept control commands on stdin (see ControlChannel)")
    boolean controlStdin;
    @Option(names = "--profile", defaultValue = "modular-post", description = "hardware profile of every post")
    String profile;

    @Override
    public Integer call() throws Exception {
      if (posts < 1 || posts > 2000) {
        System.err.println("--posts " + posts + " is out of range [1, 2000]");
        return 2;
      }
      AgentConfig base;
      try {
        base = ConfigLoader.fromMap(settings(), Map.of());
      } catch (ConfigException e) {
        System.err.println("invalid option: " + e.getMessage());
        return 2;
      }
      if (pilot && posts > PilotFleet.posts().size()) {
        System.err.println("--posts " + posts + " is more than the pilot fleet's " + PilotFleet.posts().size());
        return 2;
      }
      FleetSimulator fleet = (pilot ? FleetSimulator.pilot(base, posts, seed, dataDir, Clock.systemUTC())
          : new FleetSimulator(base, posts, seed, dataDir, idPrefix, Clock.systemUTC())).start(!noScenario);
      System.out.println("ready " + posts);
      System.out.flush();
      if (controlStdin) {
        new ControlChannel(fleet, System.out).serve(System.in);
      }
      awaitShutdown(fleet::close);
      return 0;
    }

    Map<String, String> settings() {
      Map<String, String> m = new HashMap<>();
      m.put("post.id", idPrefix + "-000");
      m.put("mqtt.url", broker);
      m.put("data.dir", dataDir.toString());
      m.put("hardware.profile", profile);
      m.put("hardware.platform", "mock");
      m.put("telemetry.intervalS", Integer.toString(telemetryInterval));
      // a demo or test should not wait a minute for a restarted broker
      m.put("mqtt.reconnectMaxMs", "5000");
      put(m, "mqtt.username", username);
      put(m, "mqtt.password", password);
      put(m, "mqtt.caFile", caFile);
      put(m, "mqtt.certFile", certFile);
      put(m, "mqtt.keyFile", keyFile);
      return m;
    }

    private static void put(Map<String, String> m, String k, Object v) {
      if (v != null) {
        m.put(k, v.toString());
      }
    }
  }
}
