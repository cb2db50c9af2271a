package kuzet.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.Json;
import kuzet.store.ActiveLease;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.CityHub;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.PostId;
import kuzet.protocol.testing.ArtemisCluster;

/**
 * Failover benchmark (docs/benchmarks.md): two hub processes on PostgreSQL (active + standby) on a two-node Artemis
 * cluster, one post on the other node. Each trial SIGKILLs the active hub and presses the button at once; the
 * figure is the time until the post hears PANIC_RECEIVED from the survivor. The post resends every 10 s, as the
 * agent does. A second figure is the time from the kill to the next escalation reminder the survivor stores for an
 * unacknowledged PANIC (reminders every second, so the figure is the takeover plus at most a second). The killed hub
 * is started again (it becomes the standby) before the next trial.
 *
 * <p>With {@code -Dbench.mode=active} both hubs are active ({@code store.hubs=active}, each its own MQTT session in
 * the shared subscriptions): each trial SIGKILLs the hub holding the duty (which sends the reminders), so the first
 * figure is how soon the broker hands the PANIC to the surviving hub and the second how soon the survivor takes the
 * duty over. The killed hub is started again and waited for (serving, back in the database's roster) before the next.
 */
public final class FailoverBenchmark {
  private static final Duration AGENT_RESEND = Duration.ofSeconds(10);

  private FailoverBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int trials = Integer.getInteger("bench.trials", 20);
    boolean activeActive = switch (System.getProperty("bench.mode", "standby")) {
      case "standby" -> false;
      case "active" -> true;
      default -> throw new IllegalArgumentException("bench.mode must be standby or active, not '"
          + System.getProperty("bench.mode") + "'");
    };
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).resolve("failover-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    IngestBenchmark.Report report = new IngestBenchmark.Report(dir.resolve("summary.txt"));
    report.line("failover benchmark (%s): %d trials; load before: %s", activeActive ? "two active hubs"
        : "active + standby", trials, IngestBenchmark.Report.uptime());
    StoreSettings pg = TestDatabases.postgres();
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(pg)) {
      registry.register(new RegisteredPost(new PostId("alatau-fo1"), PostType.MODULAR_POST, "Uzhet", "Alatau", 43.2,
          76.9, Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
    }
    double[] ms = new double[trials];
    double[] reminderMs = new double[trials];
    try (ArtemisCluster cluster = ArtemisCluster.start(dir.resolve("artemis"));
         CityHub a = new CityHub(dir, "hub-a", cluster.urls(1), pg, settings("hub-a", activeActive));
         CityHub b = new CityHub(dir, "hub-b", cluster.urls(1), pg, settings("hub-b", activeActive))) {
      a.start();
      until(() -> a.health() == 200, Duration.ofSeconds(120), "hub A active");
      b.start();
      until(() -> activeActive ? b.health() == 200 && roster(pg).size() == 2 : b.standing(), Duration.ofSeconds(120),
          "hub B " + (activeActive ? "active" : "standby"));
      try (FakePost post = new FakePost(cluster.urls(2), "alatau-fo1", "boot-1", 30)) {
        CityHub active = a;
        CityHub standby = b;
        UUID unacknowledged = UUID.randomUUID();
        post.publish(post.panic(unacknowledged), false);
        for (int i = 0; i < trials; i++) {
          until(post::hubOnline, Duration.ofSeconds(60), "the post sees a hub");
          if (activeActive) {
            // the duty hub is the one whose loss the reminders must survive
            String duty = first(() -> roster(pg).stream().filter(ActiveLease.Member::active).findFirst()
                .map(ActiveLease.Member::hubId).orElse(null), Duration.ofSeconds(30), "a hub on duty");
            active = duty.equals(a.hubId()) ? a : b;
            standby = active == a ? b : a;
          }
          Instant killedAt = Instant.now();
          ms[i] = trial(active, post);
          until(() -> firstReminderAfter(pg, unacknowledged, killedAt) != null, Duration.ofMinutes(2), "a reminder");
          reminderMs[i] = Duration.between(killedAt, firstReminderAfter(pg, unacknowledged, killedAt)).toMillis();
          report.line("trial %d: SIGKILL of the %s hub to PANIC_RECEIVED from the %s: %.0f ms;"
              + " to its next reminder: %.0f ms", i + 1, activeActive ? "duty" : "active",
              activeActive ? "other" : "standby", ms[i], reminderMs[i]);
          active.start();
          CityHub restarted = active;
          until(() -> activeActive ? restarted.health() == 200 && roster(pg).size() == 2 : restarted.standing(),
              Duration.ofSeconds(120), "the killed hub back");
          active = standby;
          standby = restarted;
        }
      }
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double[] reminders = reminderMs.clone();
    Arrays.sort(reminders);
    report.line("failover over %d trials: to PANIC_RECEIVED p50 %.0f ms, max %.0f ms; to the next reminder p50 %.0f ms,"
        + " max %.0f ms; load after: %s", trials, IngestBenchmark.pct(sorted, 0.5), sorted[sorted.length - 1],
        IngestBenchmark.pct(reminders, 0.5), reminders[reminders.length - 1], IngestBenchmark.Report.uptime());
  }

  private static List<String> settings(String hubId, boolean activeActive) {
    List<String> remindEverySecond = List.of("escalation.critical.steps=district-inspector:0",
        "escalation.critical.reminderS=1");
    if (!activeActive) {
      return remindEverySecond;
    }
    List<String> all = new java.util.ArrayList<>(remindEverySecond);
    all.addAll(List.of("store.hubs=active", "mqtt.clientId=_kuzet-" + hubId));
    return all;
  }

  /** The hubs with a lease session on the database, the one on duty marked active. */
  private static List<ActiveLease.Member> roster(StoreSettings pg) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
      return ActiveLease.roster(c);
    }
  }

  /** When the first reminder stored after {@code after} was written, by the stored alert's history. */
  private static Instant firstReminderAfter(StoreSettings pg, UUID incident, Instant after) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT json FROM alerts WHERE type = 'PANIC' AND json LIKE ?")) {
      ps.setString(1, "%" + incident + "%");
      try (ResultSet rs = ps.executeQuery()) {
        Instant first = null;
        while (rs.next()) {
          for (JsonNode h : Json.MAPPER.readTree(rs.getString(1)).path("history")) {
            Instant at = Instant.parse(h.path("at").asText());
            if (h.path("detail").asText().startsWith("reminder ") && at.isAfter(after)
                && (first == null || at.isBefore(first))) {
              first = at;
            }
          }
        }
        return first;
      }
    }
  }

  private static double trial(CityHub active, FakePost post) throws Exception {
    active.kill();
    long killed = System.nanoTime();
    UUID incident = UUID.randomUUID();
    Event panic = post.panic(incident);
    post.publish(panic, false);
    long lastSent = killed;
    while (post.commands.stream()
        .noneMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId()))) {
      if (System.nanoTime() - killed > Duration.ofMinutes(3).toNanos()) {
        throw new IllegalStateException("no PANIC_RECEIVED within 3 minutes of the kill");
      }
      if (System.nanoTime() - lastSent >= AGENT_RESEND.toNanos() && post.isConnected()) {
        post.publish(panic, false);
        lastSent = System.nanoTime();
      }
      Thread.sleep(20);
    }
    return (System.nanoTime() - killed) / 1e6;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void until(Check check, Duration timeout, String what) throws Exception {
    first(() -> check.ok() ? Boolean.TRUE : null, timeout, what);
  }

  private interface Probe<T> {
    T value() throws Exception;
  }

  /** Polls until the probe gives a value. */
  private static <T> T first(Probe<T> probe, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (T v = probe.value(); ; v = probe.value()) {
      if (v != null) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not within " + timeout);
      }
      Thread.sleep(100);
    }
  }
}
