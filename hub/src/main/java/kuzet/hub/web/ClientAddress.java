package kuzet.hub.web;

import io.vertx.ext.web.RoutingContext;

/** Who is at the other end of a request, for throttling. */
public final class ClientAddress {
  private ClientAddress() {}

  /**
   * The peer's address; behind a TLS-terminating proxy ({@code viaProxy}) the last X-Forwarded-For entry,
   * the one the proxy itself appended (the earlier ones are whatever the client chose to send).
   */
  public static String of(RoutingContext ctx, boolean viaProxy) {
    if (viaProxy) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        if (!last.isEmpty()) {
          return last.length() > 64 ? last.substring(0, 64) : last;
        }
      }
    }
    var remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }
}
