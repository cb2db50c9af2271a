package kuzet.hub.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.questdb.ServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuestDB running inside the hub's JVM, on loopback only. It takes the InfluxDB v2 write API at
 * {@code /api/v2/write}, so the hub writes to it through exactly the code path it uses for InfluxDB,
 * and it serves SQL at {@code /exec} and its web console at {@code /}.
 *
 * <p>Only the HTTP port is opened: PostgreSQL wire, ILP over TCP/UDP and the "min" health server
 * are switched off so that several instances (parallel tests, a demo next to a test run) never
 * collide on QuestDB's fixed default ports. QuestDB's own phone-home telemetry is off.
 */
public final class EmbeddedQuestDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQuestDb.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The native memory QuestDB may allocate (its RSS accounting, mapped files apart). */
  public static final long RAM_LIMIT_BYTES = 64L * 1024 * 1024;

  private final Path root;
  private final int port;
  private final ServerMain server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private EmbeddedQuestDb(Path root, int port, ServerMain server) {
    this.root = root;
    this.port = port;
    this.server = server;
  }

  /**
   * Starts QuestDB with its data under {@code root} and HTTP on {@code 127.0.0.1:port}.
   *
   * @param workerThreads QuestDB's shared worker pool size; 1 or 2 keeps it modest next to the hub
   */
  public static EmbeddedQuestDb start(Path root, int port, int workerThreads) {
    Objects.requireNonNull(root, "root");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("QuestDB HTTP port " + port + " is out of range [1, 65535]");
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("QuestDB worker threads must be at least 1, got " + workerThreads);
    }
    try {
      Path conf = Files.createDirectories(root.resolve("conf"));
      Files.writeString(conf.resolve("server.conf"), serverConf(port, workerThreads));
      Files.writeString(conf.resolve("log.conf"), LOG_CONF);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare QuestDB root " + root, e);
    }
    ServerMain server = new ServerMain("-d", root.toAbsolutePath().toString());
    try {
      // no QuestDB shutdown hook: the hub stops QuestDB itself, after the writer has flushed into it
      server.start(false);
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException("QuestDB did not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    LOG.info("Embedded QuestDB started on http://127.0.0.1:{} with data under {}", port, root);
    return new EmbeddedQuestDb(root, port, server);
  }

  private static String serverConf(int port, int workerThreads) {
    return String.join("\n",
        "# Written by the Kuzet hub at each start; edits here are overwritten.",
        "http.bind.to=127.0.0.1:" + port,
        "http.min.enabled=false",
        "pg.enabled=false",
        "line.tcp.enabled=false",
        "line.udp.enabled=false",
        "telemetry.enabled=false",
        "metrics.enabled=false",
        "shared.worker.count=" + workerThreads,
        "http.worker.count=1",
        "wal.apply.worker.count=1",
        "mat.view.refresh.worker.count=1",
        "export.worker.count=1",
        // smaller per-connection buffers than QuestDB's server-sized defaults
        "http.receive.buffer.size=1m",
        "http.send.buffer.size=1m",
        // QuestDB's share of the hub's memory budget (docs/hub.md, "Memory"): its native allocations stop here
        // (a query or write past it fails, the process does not grow); the table writer maps its column files
        // 1 MiB at a time instead of 16 MiB (17 columns)
        "ram.usage.limit.bytes=" + RAM_LIMIT_BYTES,
        "cairo.writer.data.append.page.size=1m",
        "line.http.enabled=true",
        "");
  }

  // Errors only, to a file under the root: QuestDB's INFO chatter would drown the hub's own log.
  private static final String LOG_CONF = String.join("\n",
      "writers=file",
      "w.file.class=io.questdb.log.LogFileWriter",
      "w.file.location=${log.dir}/questdb.log",
      "w.file.level=ERROR,CRITICAL",
      "");

  public int httpPort() {
    return port;
  }

  public Path root() {
    return root;
  }

  /** Base URL for the InfluxDB v2 client (it appends {@code /api/v2/write}). */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The web console, for the demo banner. (Not {@code /}: QuestDB's redirect from there never ends its body.) */
  public String consoleUrl() {
    return url() + "/index.html";
  }

  /**
   * Runs one SQL statement through QuestDB's own {@code /exec} HTTP endpoint and returns the JSON answer.
   *
   * @throws IllegalStateException when QuestDB answers with an error
   */
  public JsonNode exec(String sql) {
    URI uri = URI.create(url() + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || body.has("error")) {
        throw new IllegalStateException("QuestDB refused '" + sql + "': HTTP " + response.statusCode() + " " + body);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("QuestDB /exec failed for '" + sql + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while querying QuestDB", e);
    }
  }

  /** First column of the first row of {@code sql} as a long: for {@code select count() ...}. */
  public long queryLong(String sql) {
    return exec(sql).path("dataset").path(0).path(0).asLong();
  }

  @Override
  public void close() {
    server.close();
    LOG.info("Embedded QuestDB on port {} stopped", port);
  }
}
