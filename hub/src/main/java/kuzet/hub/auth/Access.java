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

  /** Where sign-ins and operator changes are audited; schemes without sign-in have nothing to record. */
  default void auditTo(kuzet.hub.audit.AuditRecorder recorder) {
    // nothing to audit
  }
}
