package kuzet.hub.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The registered posts a scope covers, by id; an unknown district or post is refused, naming it. */
public record Area(Map<String, Post> posts) {
  public record Post(String id, String name, String district, double latitude, double longitude) {}

  public static Area load(Connection c, Scope scope) throws SQLException {
    Map<String, Post> all = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, name, district, latitude, longitude FROM posts ORDER BY id");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        all.put(rs.getString(1), new Post(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
            rs.getDouble(5)));
      }
    }
    if (scope.district() != null && all.values().stream().noneMatch(p -> p.district().equals(scope.district()))) {
      throw new IllegalArgumentException("unknown district '" + scope.district() + "'; the districts are: "
          + String.join(", ", new TreeSet<>(all.values().stream().map(Post::district).toList())));
    }
    List<String> unknown = new ArrayList<>();
    Map<String, Post> chosen = new LinkedHashMap<>();
    for (Post p : all.values()) {
      if ((scope.district() == null || p.district().equals(scope.district()))
          && (scope.posts().isEmpty() || scope.posts().contains(p.id()))) {
        chosen.put(p.id(), p);
      }
    }
    for (String id : scope.posts()) {
      if (!chosen.containsKey(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException((scope.district() == null ? "unknown posts: " : "posts not in district '"
          + scope.district() + "' or unknown: ") + String.join(", ", unknown));
    }
    return new Area(chosen);
  }

  public boolean covers(String postId) {
    return posts.containsKey(postId);
  }

  public String districtOf(String postId) {
    return posts.get(postId).district();
  }
}
