package kuzet.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import kuzet.agent.load.LoadGenerator;
import kuzet.agent.load.LoadPlan;
import kuzet.hub.testing.CityHub;
import kuzet.hub.testing.HubHttp;
import kuzet.hub.testing.TestDatabases;
import kuzet.hub.testing.TestPosts;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.store.StoreSettings;

/**
 * Ingest with 1, 2 or 3 active hubs ({@code store.hubs=active}) on one PostgreSQL database and one Mosquitto: the
 * load generator publishes TELEMETRY at a fixed rate for a minute, and each hub's share, CPU and CPU per message are
 * read from its /metrics and /proc. On one 2-core machine the total cannot grow with more hubs; what this shows is
 * that the work splits and that no message is taken twice (the hubs' shares add up to what was published). Run with
 * {@code -Pbench-scaleout -Dbench.hubs=N} (docs/benchmarks.md); not part of {@code ./run test}.
 */
public final class ScaleOutBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "bench-metrics-token-0123456789";

  private ScaleOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    int hubs = Integer.getInteger("bench.hubs", 2);
    int rate = Integer.getInteger("bench.rate", 3_000);
    int posts = Integer.getInteger("bench.posts", 300);
    int seconds = Integer.getInteger("bench.seconds", 60);
    int warmup = Integer.getInteger("bench.warmup", 20);
    Path dir = Files.createDirectories(Path.of(System.getProperty("bench.dir", "target/bench")).resolve("scaleout-"
        + hubs + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    List<String> out = new ArrayList<>();
    out.add(String.format("hubs %d, rate %d msgs/s offered, %d posts, QoS 0, %d s after %d s warm-up", hubs, rate,
        posts, seconds, warmup));
    out.add("load before: " + Files.readString(Path.of("/proc/loadavg")).trim());
    StoreSettings pg = TestDatabases.postgres();
    TestPosts.register(pg, IngestBenchmark.LOAD_PREFIX, posts);
    List<CityHub> running = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
      for (int i = 0; i < hubs; i++) {
        String id = "hub-" + (char) ('a' + i);
        running.add(new CityHub(dir, id, broker.url(), pg, List.of("store.hubs=active", "mqtt.clientId=_kuzet-" + id,
            "metrics.token=" + TOKEN)).start());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (running.stream().anyMatch(h -> h.health() != 200)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the hubs did not come up within 180 s; see " + dir);
        }
        Thread.sleep(500);
      }
      try (LoadGenerator load = new LoadGenerator(LoadPlan.plain(broker.url(), posts, 4, rate, 0,
          IngestBenchmark.LOAD_PREFIX), java.time.Clock.systemUTC())) {
        load.start();
        Thread.sleep(warmup * 1000L);
        long[] received0 = received(running);
        double[] cpu0 = cpu(running);
        long published0 = load.telemetrySent();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long[] received1 = received(running);
        double[] cpu1 = cpu(running);
        long published1 = load.telemetrySent();
        double window = (System.nanoTime() - t0) / 1e9;
        load.stop();
        long published = published1 - published0;
        long total = 0;
        out.add(String.format("published in the window: %,d (%,.0f msgs/s)", published, published / window));
        for (int i = 0; i < hubs; i++) {
          long got = received1[i] - received0[i];
          total += got;
          double cores = (cpu1[i] - cpu0[i]) / window;
          out.add(String.format("%s: received %,d (%,.0f msgs/s, %.0f%% of the total), CPU %.2f cores, %.1f µs per message",
              running.get(i).hubId(), got, got / window, 100.0 * got / Math.max(1, published), cores,
              got == 0 ? 0 : (cpu1[i] - cpu0[i]) * 1e6 / got));
        }
        out.add(String.format("hubs together: received %,d of %,d published in the window (%+,d: messages in flight at"
            + " the window's edges)", total, published, total - published));
        // the whole run, once the hubs have drained what the broker still held: a message taken twice is a surplus
        // here, one lost a shortfall that the drop counters do not explain
        long runPublished = load.telemetrySent();
        long[] settled = settled(running);
        long runReceived = java.util.Arrays.stream(settled).sum();
        long dropped = 0;
        long accepted = 0;
        for (CityHub h : running) {
          String scrape = scrape(h);
          dropped += (long) HubHttp.metric(scrape, "kuzet_ingest_dropped_total");
          accepted += (long) HubHttp.metric(scrape, "kuzet_ingest_accepted_total");
        }
        // received also counts the hubs' presence (each hub hears every hub's ONLINE); accepted is the posts' messages
        out.add(String.format("whole run (warm-up, window and drain): published %,d, received by the hubs %,d (%+,d),"
            + " accepted as posts' messages %,d (%+,d), counted as dropped by the hubs %,d", runPublished, runReceived,
            runReceived - runPublished, accepted, accepted - runPublished, dropped));
      }
    } finally {
      for (CityHub h : running) {
        h.close();
      }
    }
    out.add("load after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    Files.write(dir.resolve("summary.txt"), out);
    out.forEach(System.out::println);
    System.exit(0);
  }

  private static long[] received(List<CityHub> hubs) throws Exception {
    long[] r = new long[hubs.size()];
    for (int i = 0; i < hubs.size(); i++) {
      r[i] = (long) HubHttp.metric(scrape(hubs.get(i)), "kuzet_ingest_received_total");
    }
    return r;
  }

  /** The hubs' received counts once they have stopped moving for 3 s (at most 60 s). */
  private static long[] settled(List<CityHub> hubs) throws Exception {
    long[] last = received(hubs);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long stillSince = System.nanoTime();
    while (System.nanoTime() - stillSince < Duration.ofSeconds(3).toNanos() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      long[] now = received(hubs);
      if (!java.util.Arrays.equals(now, last)) {
        last = now;
        stillSince = System.nanoTime();
      }
    }
    return last;
  }

  private static String scrape(CityHub hub) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/metrics"))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double[] cpu(List<CityHub> hubs) throws Exception {
    double[] c = new double[hubs.size()];
    for (int i = 0; i < hubs.size(); i++) {
      String stat = Files.readString(Path.of("/proc/" + hubs.get(i).pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      c[i] = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
    return c;
  }
}
