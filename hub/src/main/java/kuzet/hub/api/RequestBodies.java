package kuzet.hub.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import kuzet.protocol.CommandName;
import kuzet.protocol.PostId;

/** Reads and checks request input; every failure is a 400 that says what was wrong. */
final class RequestBodies {
  static final int MAX_NOTE = 2_000;

  private RequestBodies() {}

  /** The body as a JSON object; an empty body counts as {}. */
  static JsonObject object(RoutingContext ctx) {
    return object(ctx.body() == null ? null : ctx.body().asString());
  }

  /** The same on the body's text, so it can be fuzzed without a server. */
  static JsonObject object(String text) {
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

  /** A command an operator sends to a post. */
  record CommandRequest(CommandName name, Map<String, String> args) {}

  /** {"name": "LIGHTS", "args": {...}}; the panic-state commands go through the alert endpoints instead. */
  static CommandRequest command(JsonObject body) {
    Object rawName = body.getValue("name");
    if (!(rawName instanceof String nameText)) {
      throw HttpErrors.badRequest("field 'name' is required: one of " + operatorCommands());
    }
    CommandName name;
    try {
      name = CommandName.valueOf(nameText);
    } catch (IllegalArgumentException e) {
      throw HttpErrors.badRequest("command '" + abbreviate(nameText) + "' is not one of " + operatorCommands());
    }
    if (name.isPanicState()) {
      throw HttpErrors.badRequest(name + " is sent through the alert endpoints (ack, dispatch, resolve)");
    }
    if (name == CommandName.UPDATE) {
      // only a rollout sends it: admin role, stages, never during a panic, a download token of its own
      throw HttpErrors.badRequest("UPDATE is sent by a rollout (POST /api/rollouts), not as a single command");
    }
    return new CommandRequest(name, stringMap(body, "args"));
  }

  /** {"staffed": true|false|null}; null hands the decision back to the post's schedule. */
  static Boolean staffed(JsonObject body) {
    if (!body.containsKey("staffed")) {
      throw HttpErrors.badRequest("field 'staffed' is required: true, false, or null for the schedule");
    }
    Object v = body.getValue("staffed");
    if (v != null && !(v instanceof Boolean)) {
      throw HttpErrors.badRequest("field 'staffed' must be true, false or null, not '" + abbreviate(String.valueOf(v)) + "'");
    }
    return (Boolean) v;
  }

  private static String operatorCommands() {
    return EnumSet.allOf(CommandName.class).stream().filter(n -> !n.isPanicState() && n != CommandName.UPDATE).map(Enum::name).toList().toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
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
    return uuid(ctx, "alert");
  }

  /** The path's {@code id} as a UUID; {@code what} names it in the error ("alert", "shelf"). */
  static UUID uuid(RoutingContext ctx, String what) {
    String raw = ctx.pathParam("id");
    try {
      if (raw.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw HttpErrors.badRequest(what + " id '" + (raw.length() > 40 ? raw.substring(0, 37) + "..." : raw) + "' is not a UUID");
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
