package kuzet.hub.api;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.fleet.PostView;
import kuzet.protocol.PostId;
import kuzet.protocol.PostSetting;
import kuzet.registry.PostType;

/**
 * An admin's change to posts' settings: {@code {"post": id} | {"district": name} | {"type": post type}} and
 * {@code "settings": {key: value, key: null}} (null: back to the post's own file). Every key and value is checked with
 * {@link PostSetting}, the definition the agent checks them with, so nothing the post would refuse for its form or
 * range is ever published.
 */
record ConfigRequest(List<PostId> posts, Map<String, String> changes) {
  private static final int MAX_VALUE = 64;

  static ConfigRequest parse(JsonObject body, FleetState fleet) {
    List<PostId> posts = scope(body, fleet);
    Object raw = body.getValue("settings");
    if (!(raw instanceof JsonObject settings) || settings.isEmpty()) {
      throw HttpErrors.badRequest("field 'settings' must be an object with at least one key, e.g. "
          + "{\"telemetry.intervalS\": 60}; keys: " + PostSetting.keys());
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (String key : settings.fieldNames()) {
      PostSetting setting = PostSetting.byKey(key).orElseThrow(() -> HttpErrors.badRequest("unknown setting '"
          + abbreviate(key) + "': the hub manages " + PostSetting.keys()));
      Object v = settings.getValue(key);
      if (v == null) {
        changes.put(key, null);
        continue;
      }
      if (!(v instanceof String) && !(v instanceof Number)) {
        throw HttpErrors.badRequest("setting '" + key + "' must be a string or a number, or null to leave it to the post");
      }
      String value = v.toString().strip();
      if (value.length() > MAX_VALUE) {
        throw HttpErrors.badRequest("setting '" + key + "' is longer than " + MAX_VALUE + " characters");
      }
      try {
        setting.parse(value);
      } catch (IllegalArgumentException e) {
        throw HttpErrors.badRequest("setting '" + key + "': " + e.getMessage());
      }
      changes.put(key, value);
    }
    return new ConfigRequest(posts, changes);
  }

  private static List<PostId> scope(JsonObject body, FleetState fleet) {
    List<String> given = List.of("post", "district", "type").stream().filter(body::containsKey).toList();
    if (given.size() != 1) {
      throw HttpErrors.badRequest("say which posts to change with exactly one of 'post' (a post id), 'district' "
          + "(a district's name) or 'type' (" + types() + ")");
    }
    String field = given.get(0);
    if (!(body.getValue(field) instanceof String value) || value.isBlank()) {
      throw HttpErrors.badRequest("field '" + field + "' must be a non-empty string");
    }
    List<PostView> all = fleet.list();
    List<PostId> posts = switch (field) {
      case "post" -> {
        PostId id = postId(value);
        if (fleet.post(id).isEmpty()) {
          throw HttpErrors.notFound("no post '" + id + "' is registered");
        }
        yield List.of(id);
      }
      case "district" -> all.stream().filter(p -> value.equals(p.district())).map(p -> PostId.of(p.id())).toList();
      default -> {
        if (java.util.Arrays.stream(PostType.values()).noneMatch(t -> t.id().equals(value))) {
          throw HttpErrors.badRequest("type '" + abbreviate(value) + "' is not one of " + types());
        }
        yield all.stream().filter(p -> value.equals(p.type())).map(p -> PostId.of(p.id())).toList();
      }
    };
    if (posts.isEmpty()) {
      throw HttpErrors.notFound("no registered post is in " + field + " '" + abbreviate(value) + "'");
    }
    return posts;
  }

  private static PostId postId(String raw) {
    try {
      return new PostId(raw);
    } catch (IllegalArgumentException e) {
      throw HttpErrors.badRequest(e.getMessage());
    }
  }

  private static String types() {
    return java.util.Arrays.stream(PostType.values()).map(PostType::id).toList().toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
