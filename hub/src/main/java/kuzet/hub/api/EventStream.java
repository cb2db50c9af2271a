package kuzet.hub.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import kuzet.hub.auth.Access;
import kuzet.store.Json;

/**
 * The live stream (Server-Sent Events). A stream lives only as long as the sign-in that opened it: every
 * second each one's session is checked ({@link Access#stillSignedIn}) and a stream whose session ended
 * (signed out, expired, idle, role changed, operator removed) is ended. Streams are bounded in total and per session. Each event has a numeric id; the newest ones are kept so a
 * client that reconnects with Last-Event-ID gets what it missed. An id is the time it was sent, in microseconds
 * (one more than the last when two fall in the same microsecond, so it keeps growing across restarts), and the hub
 * that sent it: {@code 1764672000123000.hub-a}. Active hubs all send every alert change, each when it heard of it,
 * so a client that comes back to another hub is sent everything that hub sent from a little before the id's time
 * ({@link #OTHER_HUB_MARGIN_US}: the other hub may have heard of a change later): it may see an event again, never
 * miss one. A client whose id is unknown (older than the buffer, or from the future) gets the whole buffer and
 * should reload its state.
 * Only used on the hub's event loop.
 */
public final class EventStream {
  static final long PING_MS = 15_000;
  static final long SESSION_CHECK_MS = 1_000;

  /** How many streams may be open: in total, and per signed-in session. */
  public record Limits(int total, int perSession) {}

  private record Item(long id, String frame) {}

  private final Deque<Item> buffer = new ArrayDeque<>();
  /** Each open stream and the sign-in it belongs to (null without sessions). */
  private final Map<HttpServerResponse, Object> clients = new LinkedHashMap<>();
  private final Vertx vertx;
  private final int capacity;
  private final Access access;
  private final Limits limits;
  /** How far before another hub's id a returning client is sent this hub's events: more than a change takes to reach every hub. */
  static final long OTHER_HUB_MARGIN_US = 5_000_000;
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("(\\d{1,18})(?:\\.([a-z0-9-]{1,64}))?");

  private final java.time.Clock clock;
  private final String hubId;
  private long lastId;

  public EventStream(Vertx vertx, int capacity, java.time.Clock clock, String hubId, Access access, Limits limits) {
    this.vertx = vertx;
    this.capacity = capacity;
    this.clock = clock;
    this.hubId = hubId;
    this.access = access;
    this.limits = limits;
    vertx.setPeriodic(PING_MS, t -> broadcast(": ping\n\n"));
    vertx.setPeriodic(SESSION_CHECK_MS, t -> endSignedOut());
  }

  public void publish(String event, Object payload) {
    long id = Math.max(lastId + 1, clock.millis() * 1000);
    lastId = id;
    String frame = "id: " + id + "." + hubId + "\nevent: " + event + "\ndata: " + Json.write(payload) + "\n\n";
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
    Long after = null;
    if (header != null && !header.isBlank()) {
      java.util.regex.Matcher m = ID.matcher(header.trim());
      if (!m.matches()) {
        throw HttpErrors.badRequest("Last-Event-ID '" + abbreviate(header) + "' is not an event id (a whole number,"
            + " then '.' and the hub's id)");
      }
      long t = Long.parseLong(m.group(1));
      after = m.group(2) == null || m.group(2).equals(hubId) ? t : t - OTHER_HUB_MARGIN_US;
    }
    Object session = access.sessionOf(ctx);
    if (clients.size() >= limits.total()) {
      throw new HttpErrors.BadRequest(503, "the hub already serves " + limits.total() + " live streams (sse.maxStreams)");
    }
    if (session != null && clients.values().stream().filter(session::equals).count() >= limits.perSession()) {
      throw new HttpErrors.BadRequest(429, "this sign-in already has " + limits.perSession()
          + " live streams open (sse.maxStreamsPerSession); close another board tab");
    }
    HttpServerResponse r = ctx.response();
    r.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no");
    StringBuilder first = new StringBuilder("retry: 2000\n\n");
    Long since = after;
    boolean known = since != null && !buffer.isEmpty() && since >= buffer.peekFirst().id() - 1
        && since <= Math.max(lastId, clock.millis() * 1000);
    for (Item i : buffer) {
      if (since == null ? false : (!known || i.id() > since)) {
        first.append(i.frame());
      }
    }
    r.write(first.toString());
    clients.put(r, session);
    r.closeHandler(v -> clients.remove(r));
    r.exceptionHandler(e -> clients.remove(r));
  }

  private void endSignedOut() {
    for (var it = clients.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!access.stillSignedIn(vertx, e.getValue())) {
        it.remove();
        if (!e.getKey().ended() && !e.getKey().closed()) {
          e.getKey().end();
        }
      }
    }
  }

  private void broadcast(String frame) {
    for (var it = clients.keySet().iterator(); it.hasNext(); ) {
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
