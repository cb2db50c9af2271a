package kuzet.hub.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import kuzet.hub.web.Failures;

/** The contract's JSON replies ({@code {"error": "..."}} on failure) and strict request bodies for the auth routes. */
final class JsonReplies {
  private JsonReplies() {
  }

  static void send(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(io.vertx.core.json.Json.encode(body));
  }

  static void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, new JsonObject().put("error", message));
  }

  /** Maps a failure from the auth layer to its status; anything unexpected is a 500 with the reason logged. */
  static void failure(RoutingContext ctx, Throwable t) {
    if (t instanceof AuthProblem p) {
      error(ctx, p.status(), p.getMessage());
    } else if (t instanceof IllegalArgumentException) {
      error(ctx, 400, t.getMessage());
    } else {
      error(ctx, 500, Failures.internal(ctx, t));
    }
  }

  /** The body as a JSON object holding only {@code allowed} fields; a clear 400 otherwise. */
  static JsonObject body(RoutingContext ctx, Set<String> allowed) {
    return body(ctx.request().getHeader("Content-Type"), ctx.body().buffer(), allowed);
  }

  /** The same check on the raw header and body, so it can be fuzzed without a server. */
  static JsonObject body(String contentType, Buffer raw, Set<String> allowed) {
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      // also a login-CSRF guard: a cross-site form cannot send application/json without a CORS preflight
      throw new AuthProblem(415, "Content-Type must be application/json");
    }
    if (raw == null || raw.length() == 0) {
      throw new AuthProblem(400, "body is missing; expected a JSON object");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(raw);
    } catch (DecodeException e) {
      throw new AuthProblem(400, "body is not a JSON object");
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new AuthProblem(400, parsed == null ? "body is missing; expected a JSON object" : "body is not a JSON object");
    }
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        throw new AuthProblem(400, "unknown field '" + name + "'; expected " + allowed.stream().sorted().toList());
      }
    }
    return json;
  }

  /** A string field, or null when absent; 400 when present with another type. */
  static String string(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new AuthProblem(400, "field '" + field + "' must be a string");
    }
    return s;
  }

  static String required(JsonObject json, String field) {
    String v = string(json, field);
    if (v == null || v.isEmpty()) {
      throw new AuthProblem(400, "field '" + field + "' is required");
    }
    return v;
  }

  static Role role(String value) {
    try {
      return Role.valueOf(value.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new AuthProblem(400, "role '" + value + "' is not one of [viewer, operator, admin]");
    }
  }
}
