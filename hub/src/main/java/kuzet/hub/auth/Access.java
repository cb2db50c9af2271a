package kuzet.hub.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The seam between the HTTP API and whoever decides who may call it. */
public interface Access {

  /** A route handler that lets the request through when the caller has at least {@code role}, else ends it with 401 or 403. */
  Handler<RoutingContext> require(Role role);

  /** Who is calling, for the audit log. */
  String principal(RoutingContext ctx);

  /** Mounts the routes the scheme needs (sign-in, sign-out, CSRF token). */
  void mount(Router router);

  /**
   * The caller's sign-in, to check again while a long response (the live stream) stays open; null for schemes
   * without sessions. Call after {@link #require}.
   */
  default Object sessionOf(RoutingContext ctx) {
    return null;
  }

  /**
   * Whether the sign-in {@link #sessionOf} returned still holds (not signed out, expired, idle, changed or
   * removed); a yes counts as activity, so a board left open on its live stream is not idle.
   */
  default boolean stillSignedIn(io.vertx.core.Vertx vertx, Object session) {
    return true;
  }

  /** Where sign-ins and operator changes are audited; schemes without sign-in have nothing to record. */
  default void auditTo(kuzet.hub.audit.AuditRecorder recorder) {
    // nothing to audit
  }
}
