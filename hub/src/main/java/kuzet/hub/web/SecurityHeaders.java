package kuzet.hub.web;

import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response: no framing (an invisible "acknowledge" button under someone else's page), no
 * sniffing, no referrer, the content security policy (on JSON and errors too: a response opened directly in
 * a browser is a page of its own), HSTS under TLS, and no caching of API answers (alerts, operators, sessions).
 */
public final class SecurityHeaders {
  /** Scripts and data only from the hub itself; images also from a tile server; Leaflet and uPlot set inline styles. */
  public static final String CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; "
      + "img-src 'self' data: https: http:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
      + "base-uri 'none'; form-action 'self'";

  private SecurityHeaders() {}

  public static void apply(RoutingContext ctx) {
    var h = ctx.response().headers();
    h.set("X-Frame-Options", "DENY")
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("Content-Security-Policy", CSP);
    if (ctx.request().isSSL()) {
      // once a browser has seen the board over HTTPS it must never again send the session over plain HTTP
      h.set("Strict-Transport-Security", "max-age=31536000");
    }
    String path = ctx.request().path();
    if (path != null && path.startsWith("/api/") && !path.startsWith("/api/docs")) {
      h.set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
