package kuzet.hub.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import kuzet.hub.alert.AlertConflictException;
import kuzet.hub.alert.AlertNotFoundException;
import kuzet.hub.web.Failures;
import kuzet.store.Json;

/** JSON error bodies ({"error": "..."}) and the mapping from failures to status codes. */
final class HttpErrors {
  private HttpErrors() {}

  /** Bad input found by a handler: the message is shown to the caller. */
  static final class BadRequest extends RuntimeException {
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  static BadRequest badRequest(String message) {
    return new BadRequest(400, message);
  }

  static BadRequest notFound(String message) {
    return new BadRequest(404, message);
  }

  static void send(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("cache-control", "no-store").end(new JsonObject().put("error", message).encode());
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(Json.write(body));
  }

  /** The router's failure handler: known failures become 4xx with their message; anything else a logged 500. */
  static void handle(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof BadRequest b) {
      send(ctx, b.status, b.getMessage());
    } else if (f instanceof AlertNotFoundException) {
      send(ctx, 404, f.getMessage());
    } else if (f instanceof AlertConflictException) {
      send(ctx, 409, f.getMessage());
    } else if (f instanceof IllegalArgumentException || f instanceof DecodeException) {
      send(ctx, 400, f.getMessage());
    } else if (f == null) {
      int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
      send(ctx, status, switch (status) {
        case 400 -> "bad request";
        case 401 -> "sign in first";
        case 403 -> "not allowed";
        case 404 -> "not found: " + ctx.request().path();
        case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
        case 413 -> "request body too large";
        case 415 -> "send the body as application/json";
        default -> "request failed";
      });
    } else {
      send(ctx, 500, Failures.internal(ctx, f));
    }
  }
}
