package kuzet.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo fleet that looks like the pilot (resource {@code pilot-fleet.csv}): the fleet simulator runs these
 * posts and the demo hub registers them under these names, districts and places. One list, so both sides agree.
 */
public final class PilotFleet {
  /** One post of the pilot fleet; {@code type} is the registry's post type id (modular-post, district-point). */
  public record Post(PostId id, String type, String name, String district, double latitude, double longitude) {}

  private static final List<Post> POSTS = load();

  private PilotFleet() {}

  public static List<Post> posts() {
    return POSTS;
  }

  public static Optional<Post> find(PostId id) {
    return POSTS.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private static List<Post> load() {
    try (InputStream in = PilotFleet.class.getResourceAsStream("pilot-fleet.csv");
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<Post> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("id,")) {
          continue;
        }
        // a fixed file of our own: six plain columns, no quoting
        String[] f = line.split(",", -1);
        out.add(new Post(new PostId(f[0]), f[1], f[2], f[3], Double.parseDouble(f[4]), Double.parseDouble(f[5])));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pilot-fleet.csv", e);
    }
  }
}
