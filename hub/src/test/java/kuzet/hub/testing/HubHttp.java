package kuzet.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP reads of a running hub (/metrics, /health, the API) and of QuestDB's own /exec endpoint. */
public final class HubHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HubHttp() {}

  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  /** @param headers name, value pairs (e.g. the /metrics bearer token) */
  public static Response get(String url, String... headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
      if (headers.length > 0) {
        b.headers(headers);
      }
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code select count() from post_telemetry} through QuestDB's /exec at {@code questDbUrl}; 0 before the table exists. */
  public static long storedPoints(String questDbUrl) {
    Response r = get(questDbUrl + "/exec?query="
        + URLEncoder.encode("select count() from post_telemetry", StandardCharsets.UTF_8));
    if (r.status() != 200) {
      if (r.body().contains("does not exist")) {
        return 0;
      }
      throw new IllegalStateException("QuestDB /exec answered " + r.status() + ": " + r.body());
    }
    return r.json().path("dataset").path(0).path(0).asLong();
  }

  /** Sum of every sample of a Prometheus metric (all label sets) in a /metrics scrape; 0 when absent. */
  public static double metric(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  /** Sum of the samples with a label, e.g. {@code metric(scrape, "jvm_memory_used_bytes", "area=\"heap\"")}. */
  public static double metric(String scrape, String name, String label) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*} ([0-9.eE+-]+)$")
        .matcher(scrape);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }
}
