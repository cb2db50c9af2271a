package kuzet.provisioning.endtoend;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kuzet.hub.testing.TcpProxy;

/**
 * How long the board takes to say POST_OFFLINE when a post dies, with every default as shipped: the real hub process
 * with its embedded broker, a real agent process per trial, N trials (-Dbench.trials, default 20) of each of
 * <ul>
 *   <li>kill: the agent is killed with SIGKILL (its kernel closes the socket: the broker sends the Will at once);</li>
 *   <li>netcut: the agent runs in a network namespace joined to this machine by a veth pair, and its end of the link
 *   is taken down: nothing is closed, as when a post loses power or its cable is cut, and only the keep-alive tells.</li>
 * </ul>
 * Each trial uses a fresh post, so no earlier POST_OFFLINE is still open, and waits a random 0..10 s after the post is
 * online, so the loss falls anywhere in the keep-alive cycle. Time runs from the kill or the link going down to the
 * first REST poll (every 100 ms) that shows the post's POST_OFFLINE open. Needs root for {@code ip netns}; see
 * docs/benchmarks.md for the command. The broker listens on loopback (the hub allows {@code broker.auth=none}, which
 * these unprovisioned posts need, only there), so a plain TCP relay on the hub's end of the veth pair forwards to it:
 * it passes a close on as a close and a silence as a silence, so the broker sees what it would see directly.
 */
public final class OfflineBoundBenchmark {
  private static final String NETNS = "kuzet-bench-post";
  private static final String HUB_IF = "kzb-hub";
  private static final String POST_IF = "kzb-post";
  private static final String HUB_IP = "10.213.77.1";
  private static final String POST_IP = "10.213.77.2";
  private static final Duration GIVE_UP = Duration.ofSeconds(120);

  private OfflineBoundBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int trials = Integer.getInteger("bench.trials", 20);
    // a fresh hub database each run: the posts of an earlier run are registered in the old one
    Path dir = Files.createDirectories(Path.of(System.getProperty("bench.dir", "target/bench-offline"))
        .resolve("run-" + System.currentTimeMillis())).toAbsolutePath();
    List<String> posts = new ArrayList<>();
    for (int i = 1; i <= trials; i++) {
      posts.add(String.format("kill-%03d", i));
      posts.add(String.format("netcut-%03d", i));
    }
    setUpNamespace();
    try (HubJvm hub = new HubJvm(dir.resolve("hub"), posts, Map.of()).awaitUp();
         TcpProxy relay = new TcpProxy(InetAddress.getByName(HUB_IP), "127.0.0.1", hub.brokerPort())) {
      String direct = "tcp://127.0.0.1:" + hub.brokerPort();
      String fromNamespace = "tcp://" + HUB_IP + ":" + relay.port();
      Random random = new Random(Long.getLong("bench.seed", 16));
      List<Double> killed = new ArrayList<>();
      List<Double> cut = new ArrayList<>();
      for (int i = 1; i <= trials; i++) {
        killed.add(trial(hub, dir, String.format("kill-%03d", i), direct, null, random));
        cut.add(trial(hub, dir, String.format("netcut-%03d", i), fromNamespace, NETNS, random));
        System.out.printf("trial %d/%d: kill -9 %.1f s, network cut %.1f s%n", i, trials, killed.get(i - 1),
            cut.get(i - 1));
      }
      System.out.println(summary("kill -9 -> POST_OFFLINE", killed));
      System.out.println(summary("network cut -> POST_OFFLINE", cut));
    } finally {
      run("ip", "netns", "del", NETNS);
    }
  }

  /** One post: started, online on the board, then killed or cut off; returns seconds to POST_OFFLINE. */
  private static double trial(HubJvm hub, Path dir, String post, String broker, String netns, Random random)
      throws Exception {
    try (AgentJvm agent = new AgentJvm(dir.resolve(post), post, broker, netns)) {
      await(() -> hub.status(post).equals("online"), "online", post, agent);
      Thread.sleep(random.nextInt(10_000));
      long lost = System.nanoTime();
      if (netns == null) {
        agent.kill();
      } else {
        run("ip", "netns", "exec", netns, "ip", "link", "set", POST_IF, "down");
      }
      try {
        await(() -> "OPEN".equals(hub.activeAlert(post, "POST_OFFLINE")), "POST_OFFLINE", post, agent);
        return (System.nanoTime() - lost) / 1e9;
      } finally {
        if (netns != null) {
          run("ip", "netns", "exec", netns, "ip", "link", "set", POST_IF, "up");
        }
      }
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check, String what, String post, AgentJvm agent) throws Exception {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(post + " not " + what + " within " + GIVE_UP.toSeconds() + " s; see "
            + agent.log());
      }
      Thread.sleep(100);
    }
  }

  static String summary(String what, List<Double> seconds) {
    List<Double> s = seconds.stream().sorted().toList();
    double p50 = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    return String.format("%s: %d trials, p50 %.1f s, max %.1f s", what, s.size(), p50, s.get(s.size() - 1));
  }

  /** A namespace for the post, joined to this machine by a veth pair; a left-over one from a failed run is replaced. */
  private static void setUpNamespace() throws IOException, InterruptedException {
    if (Files.exists(Path.of("/run/netns", NETNS))) {
      run("ip", "netns", "del", NETNS);
    }
    run("ip", "netns", "add", NETNS);
    run("ip", "link", "add", HUB_IF, "type", "veth", "peer", "name", POST_IF);
    run("ip", "link", "set", POST_IF, "netns", NETNS);
    run("ip", "addr", "add", HUB_IP + "/30", "dev", HUB_IF);
    run("ip", "link", "set", HUB_IF, "up");
    run("ip", "netns", "exec", NETNS, "ip", "addr", "add", POST_IP + "/30", "dev", POST_IF);
    run("ip", "netns", "exec", NETNS, "ip", "link", "set", POST_IF, "up");
    run("ip", "netns", "exec", NETNS, "ip", "link", "set", "lo", "up");
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip()
          + " (ip netns needs root and iproute2)");
    }
  }
}
