package kuzet.hub.api;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import kuzet.hub.alert.AlertCatalog;
import kuzet.hub.shelving.Shelving;
import kuzet.protocol.PostId;

/** The body of {@code POST /api/shelves}, checked field by field so the operator is told exactly what is wrong. */
record ShelfRequest(PostId postId, String type, Duration length, String reason) {

  static ShelfRequest parse(JsonObject body, Duration max) {
    PostId post;
    try {
      post = new PostId(text(body, "postId", 64));
    } catch (IllegalArgumentException e) {
      throw HttpErrors.badRequest(e.getMessage());
    }
    String type = text(body, "type", 64);
    if (!AlertCatalog.all().stream().anyMatch(k -> k.type().equals(type))) {
      throw HttpErrors.badRequest("alert type '" + type + "' is not one the hub raises (GET /api/alert-types)");
    }
    if (!AlertCatalog.of(type).shelvable()) {
      throw new HttpErrors.BadRequest(422, type + " can never be shelved");
    }
    Object m = body.getValue("minutes");
    long maxMinutes = max.toMinutes();
    if (!(m instanceof Integer || m instanceof Long) || ((Number) m).longValue() < 1 || ((Number) m).longValue() > maxMinutes) {
      throw HttpErrors.badRequest("field 'minutes' must be a whole number from 1 to " + maxMinutes + " (alerts.shelveMaxS)");
    }
    String reason = text(body, "reason", Shelving.REASON_MAX);
    return new ShelfRequest(post, type, Duration.ofMinutes(((Number) m).longValue()), reason);
  }

  private static String text(JsonObject body, String field, int maxLength) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw HttpErrors.badRequest("field '" + field + "' is required and must be a non-blank string");
    }
    if (s.length() > maxLength) {
      throw HttpErrors.badRequest("field '" + field + "' is " + s.length() + " characters, at most " + maxLength + " allowed");
    }
    return s.strip();
  }
}
