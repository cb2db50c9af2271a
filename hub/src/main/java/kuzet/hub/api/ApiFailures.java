package kuzet.hub.api;

import io.vertx.ext.web.RoutingContext;

/** The router's failure handler, public for the application that builds the router. */
public final class ApiFailures {
  private ApiFailures() {}

  public static void handle(RoutingContext ctx) {
    HttpErrors.handle(ctx);
  }
}
