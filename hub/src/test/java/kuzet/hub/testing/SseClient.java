package kuzet.hub.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a text/event-stream in the background and keeps the events it parsed. */
public final class SseClient implements AutoCloseable {
  /** One parsed event. */
  /** One event; {@code id} as the hub sent it ({@code micros.hubId}), {@link #seq} its time part. */
  public record Event(String id, String event, String data) {
    public long seq() {
      return Long.parseLong(id.contains(".") ? id.substring(0, id.indexOf('.')) : id);
    }
  }

  public final List<Event> events = new CopyOnWriteArrayList<>();
  public final List<String> comments = new CopyOnWriteArrayList<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  public volatile int status;
  /** Set when the hub ended the stream (or the connection broke). */
  public volatile boolean ended;

  /** @param headers extra request headers as name, value pairs (a session cookie) */
  public SseClient(String url, String lastEventId, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("accept", "text/event-stream");
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    response = HttpClient.newHttpClient().sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
    response.thenAccept(r -> {
      status = r.statusCode();
      Thread t = new Thread(() -> read(r.body()), "sse-reader");
      t.setDaemon(true);
      t.start();
    });
  }

  private void read(Stream<String> lines) {
    String[] id = {null};
    String[] event = {null};
    StringBuilder data = new StringBuilder();
    try {
      lines.forEach(line -> {
        if (line.isEmpty()) {
          if (event[0] != null) {
            events.add(new Event(id[0], event[0], data.toString()));
          }
          id[0] = null;
          event[0] = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line);
        } else if (line.startsWith("id: ")) {
          id[0] = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event[0] = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      });
    } catch (RuntimeException closed) {
      // the stream broke
    }
    ended = true;
  }

  public List<Event> named(String name) {
    return events.stream().filter(e -> e.event().equals(name)).toList();
  }

  @Override
  public void close() {
    response.thenAccept(r -> r.body().close());
    response.cancel(true);
  }
}
