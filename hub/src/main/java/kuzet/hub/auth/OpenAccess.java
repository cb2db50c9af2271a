package kuzet.hub.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Lets everyone in as an admin. Only for tests of other concerns; never the hub's default. */
public final class OpenAccess implements Access {
  public static final String PRINCIPAL = "anonymous";

  @Override
  public Handler<RoutingContext> require(Role role) {
    return RoutingContext::next;
  }

  @Override
  public String principal(RoutingContext ctx) {
    return PRINCIPAL;
  }

  @Override
  public void mount(Router router) {
    // nothing to sign in to
  }
}
