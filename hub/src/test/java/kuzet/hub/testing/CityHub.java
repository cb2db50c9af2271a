package kuzet.hub.testing;

import kuzet.protocol.testing.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kuzet.store.StoreSettings;
import kuzet.protocol.testing.MosquittoBroker;

/**
 * One of a city's hubs as its own process ({@code HubMain run}): PostgreSQL for its store, an external broker (one
 * node or a cluster's list), and the MQTT session it shares with the city's other hubs. It can be killed
 * (SIGKILL, as a crashed server) and started again with the same configuration.
 */
public final class CityHub implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dir;
  private final String hubId;
  private final int httpPort;
  private final Path config;
  private Process process;
  private int starts;

  public CityHub(Path dir, String hubId, String brokerUrls, StoreSettings store, List<String> extra) throws IOException {
    this.dir = dir;
    this.hubId = hubId;
    this.httpPort = MosquittoBroker.freePort();
    List<String> lines = new ArrayList<>(List.of(
        "hub.id=" + hubId,
        "hub.dataDir=" + dir.resolve(hubId + "-data").toAbsolutePath(),
        "http.host=127.0.0.1",
        "http.port=" + httpPort,
        "broker.embedded=false",
        "broker.url=" + brokerUrls,
        // one MQTT session for the city's hubs: only the active one is ever connected
        "mqtt.clientId=_kuzet-city",
        "store.url=" + store.url(),
        "store.user=" + store.user(),
        "store.password=" + store.password(),
        "store.leaseCheckS=1",
        "fleet.heartbeatTimeoutS=600"));
    lines.addAll(extra);
    Files.createDirectories(dir);
    this.config = Files.write(dir.resolve(hubId + ".properties"), lines);
  }

  public CityHub start() throws IOException {
    starts++;
    process = new ProcessBuilder(ChildJvm.command(
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "kuzet.hub.HubMain", "run", "--config", config.toString()))
        .redirectErrorStream(true).redirectOutput(log().toFile()).start();
    return this;
  }

  /** This start's log (each start writes its own). */
  /** The hub process's id, for its CPU and memory in /proc. */
  public long pid() {
    return process.pid();
  }

  public String hubId() {
    return hubId;
  }

  public int httpPort() {
    return httpPort;
  }

  public Path log() {
    return dir.resolve(hubId + "-" + starts + ".log");
  }

  public String logText() throws IOException {
    return Files.exists(log()) ? Files.readString(log()) : "";
  }

  /** Whether this start of the hub says it waits as a standby. */
  public boolean standing() throws IOException {
    return logText().contains("standby");
  }

  /** The HTTP status of /health, or -1 when nothing answers (a standby serves nothing). */
  public int health() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
