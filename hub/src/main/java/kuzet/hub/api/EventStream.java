package kuzet.hub.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import kuzet.hub.store.Json;

/**
 * The live stream (Server-Sent Events). Each event has a numeric id; the newest ones are kept so a
 * client that reconnects with Last-Event-ID gets what it missed. Ids start at the boot time in
 * milliseconds, so they keep growing across hub restarts; a client whose id is unknown (older than the
 * buffer, or from the future) gets the whole buffer and should reload its state.
 * Only used on the hub's event loop.
 */
public final class EventStream {
  static final long PING_MS = 15_000;

  private record Item(long id, String frame) {}

  private final Deque<Item> buffer = new ArrayDeque<>();
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private final int capacity;
  private long nextId;

  public EventStream(Vertx vertx, int capacity, long firstId) {
    this.capacity = capacity;
    this.nextId = firstId;
    vertx.setPeriodic(PING_MS, t -> broadcast(": ping\n\n"));
  }

  public void publish(String event, Object payload) {
    long id = nextId++;
    String frame = "id: " + id + "\nevent: " + event + "\ndata: " + Json.write(payload) + "\n\n";
    if (capacity > 0) {
      buffer.addLast(new Item(id, frame));
      while (buffer.size() > capacity) {
        buffer.removeFirst();
      }
    }
    broadcast(frame);
  }

  public int clients() {
    return clients.size();
  }

  void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    Long lastId = null;
    if (header != null && !header.isBlank()) {
      try {
        lastId = Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        throw HttpErrors.badRequest("Last-Event-ID '" + abbreviate(header) + "' is not an event id (a whole number)");
      }
    }
    HttpServerResponse r = ctx.response();
    r.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no");
    StringBuilder first = new StringBuilder("retry: 2000\n\n");
    boolean known = lastId != null && !buffer.isEmpty() && lastId >= buffer.peekFirst().id() - 1 && lastId < nextId;
    for (Item i : buffer) {
      if (lastId == null ? false : (!known || i.id() > lastId)) {
        first.append(i.frame());
      }
    }
    r.write(first.toString());
    clients.add(r);
    r.closeHandler(v -> clients.remove(r));
    r.exceptionHandler(e -> clients.remove(r));
  }

  private void broadcast(String frame) {
    for (var it = clients.iterator(); it.hasNext(); ) {
      HttpServerResponse r = it.next();
      if (r.closed() || r.ended()) {
        it.remove();
      } else if (r.writeQueueFull()) {
        // A client that cannot keep up is cut off rather than allowed to grow the hub's memory;
        // it reconnects with Last-Event-ID and catches up from the buffer.
        it.remove();
        r.reset();
      } else {
        r.write(frame);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
