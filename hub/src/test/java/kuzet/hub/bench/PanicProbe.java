package kuzet.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import kuzet.agent.load.Connection;
import kuzet.hub.testing.TestPosts;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;

/**
 * Times PANIC presses from publish to the board: a real SSE client on /api/stream, and a publisher of
 * its own (as a post's agent would be) pressing PANIC on posts that send no telemetry. The latency of one
 * press is from just before the MQTT publish to the first {@code alert} event naming its incident.
 */
final class PanicProbe implements AutoCloseable {
  static final String PREFIX = "panic";
  static final int POSTS = 20;
  private static final String BOOT = "boot-bench";
  private static final String VIEWER = "bench-viewer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProtocolCodec codec = ProtocolCodec.defaults();
  private final Connection publisher;
  private final Map<String, Long> pressedAt = new ConcurrentHashMap<>();
  private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
  private final Thread reader;
  private final Thread presser;
  private final double perSecond;
  private volatile boolean stopping;
  private volatile boolean pressing = true;
  private volatile boolean measuring;
  private volatile Stream<String> lines;
  private long seq = 1;

  /** The board's stream needs a signed-in viewer, as an operator's browser is: one is created before the hub starts. */
  static String createViewer(java.nio.file.Path database) {
    String password = java.util.UUID.randomUUID().toString();
    try (kuzet.hub.auth.OperatorStore store = kuzet.hub.auth.OperatorStore.open(kuzet.store.StoreSettings.sqlite(database))) {
      new kuzet.hub.auth.OperatorService(store, kuzet.hub.auth.Argon2Passwords.DEFAULT, kuzet.hub.auth.AuthSettings.DEFAULT,
          java.time.Clock.systemUTC()).create("bench", VIEWER, kuzet.hub.auth.Role.VIEWER, password);
    }
    return password;
  }

  PanicProbe(String brokerUrl, String hubBase, String viewerPassword, double perSecond) throws Exception {
    this.perSecond = perSecond;
    this.publisher = new Connection(brokerUrl, "bench-panic");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(hubBase + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
            Map.of("username", VIEWER, "password", viewerPassword)))).build(), HttpResponse.BodyHandlers.ofString());
    String cookie = signIn.headers().firstValue("Set-Cookie")
        .orElseThrow(() -> new IllegalStateException("sign-in answered " + signIn.statusCode() + ": " + signIn.body()));
    HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(hubBase + "/api/stream"))
            .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/api/stream answered " + r.statusCode());
    }
    lines = r.body();
    reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
    presser = new Thread(this::press, "panic-presser");
  }

  void start() {
    presser.start();
  }

  /** Latencies of presses made from now on count; earlier ones (warm-up) do not. */
  void measure() {
    latenciesNanos.clear();
    measuring = true;
  }

  private void read() {
    String event = null;
    try {
      for (var it = lines.iterator(); it.hasNext() && !stopping; ) {
        String line = it.next();
        long now = System.nanoTime();
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ") && "alert".equals(event)) {
          JsonNode alert = JSON.readTree(line.substring(6));
          Long at = pressedAt.remove(alert.path("incidentId").asText());
          if (at != null && measuring) {
            latenciesNanos.add(now - at);
          }
        } else if (line.isEmpty()) {
          event = null;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!stopping) {
        System.err.println("SSE reader stopped: " + e);
      }
    }
  }

  private void press() {
    long periodNanos = (long) (1e9 / perSecond);
    long next = System.nanoTime();
    int i = 0;
    while (pressing) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
        continue;
      }
      next += periodNanos;
      PostId post = TestPosts.id(PREFIX, i++ % POSTS);
      UUID incident = UUID.randomUUID();
      Event panic = new Event(post, Instant.now(), BOOT, seq++, UUID.randomUUID(), EventKind.PANIC,
          incident, Map.of());
      byte[] payload = codec.encode(panic);
      String topic = codec.topicFor(panic);
      pressedAt.put(incident.toString(), System.nanoTime());
      try {
        publisher.publish(topic, payload, 1);
      } catch (Exception e) {
        System.err.println("PANIC publish failed: " + e);
      }
    }
  }

  /** Presses still without an SSE event. */
  int unanswered() {
    return pressedAt.size();
  }

  /** Sorted latencies in milliseconds of the presses made since {@link #measure()}. */
  double[] latenciesMs() {
    synchronized (latenciesNanos) {
      return latenciesNanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
    }
  }

  void stopPressing() throws InterruptedException {
    pressing = false;
    presser.join(5_000);
  }

  @Override
  public void close() {
    pressing = false;
    stopping = true;
    publisher.close();
    lines.close();
  }
}
