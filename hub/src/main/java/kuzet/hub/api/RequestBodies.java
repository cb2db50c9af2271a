package kuzet.hub.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import kuzet.protocol.PostId;

/** Reads and checks request input; every failure is a 400 that says what was wrong. */
final class RequestBodies {
  static final int MAX_NOTE = 2_000;

  private RequestBodies() {}

  /** The body as a JSON object; an empty body counts as {}. */
  static JsonObject object(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      return new JsonObject();
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (RuntimeException e) {
      throw HttpErrors.badRequest("body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!(parsed instanceof JsonObject o)) {
      throw HttpErrors.badRequest("body must be a JSON object");
    }
    return o;
  }

  static String note(JsonObject body, boolean required) {
    Object v = body.getValue("note");
    if (v == null) {
      if (required) {
        throw HttpErrors.badRequest("field 'note' is required: say how the alert was resolved");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw HttpErrors.badRequest("field 'note' must be a string");
    }
    if (required && s.isBlank()) {
      throw HttpErrors.badRequest("field 'note' must not be blank");
    }
    if (s.length() > MAX_NOTE) {
      throw HttpErrors.badRequest("field 'note' is " + s.length() + " characters, at most " + MAX_NOTE + " allowed");
    }
    return s.isBlank() ? null : s;
  }

  static Map<String, String> stringMap(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof JsonObject o)) {
      throw HttpErrors.badRequest("field '" + field + "' must be an object of string values");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : o.fieldNames()) {
      Object value = o.getValue(k);
      if (!(value instanceof String s)) {
        throw HttpErrors.badRequest("field '" + field + "." + k + "' must be a string");
      }
      out.put(k, s);
    }
    return out;
  }

  static PostId postId(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    try {
      return new PostId(raw);
    } catch (IllegalArgumentException e) {
      throw HttpErrors.badRequest(e.getMessage());
    }
  }

  static UUID alertId(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    try {
      if (raw.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw HttpErrors.badRequest("alert id '" + (raw.length() > 40 ? raw.substring(0, 37) + "..." : raw) + "' is not a UUID");
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
