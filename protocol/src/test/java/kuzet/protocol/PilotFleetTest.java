package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo fleet looks like the pilot: both districts, both kinds of post, spread over the area, not on a line. */
class PilotFleetTest {
  static double metres(PilotFleet.Post a, PilotFleet.Post b) {
    double dy = (a.latitude() - b.latitude()) * 111_000;
    double dx = (a.longitude() - b.longitude()) * 111_000 * Math.cos(Math.toRadians(a.latitude()));
    return Math.hypot(dx, dy);
  }

  @Test
  void fiftyPostsOfUzhetAndKeremetSpreadOverTheirDistrictsAtLeast300MetresApart() {
    List<PilotFleet.Post> posts = PilotFleet.posts();
    assertThat(posts).hasSize(50);
    assertThat(posts).extracting(PilotFleet.Post::district).containsOnly("Алатауский", "Бостандыкский");
    assertThat(posts).extracting(PilotFleet.Post::type).containsOnly("modular-post", "district-point")
        .contains("district-point");
    assertThat(posts).filteredOn(p -> p.name().contains("Ужет")).hasSizeGreaterThan(10);
    assertThat(posts).filteredOn(p -> p.name().contains("Керемет")).hasSizeGreaterThan(5);
    for (PilotFleet.Post a : posts) {
      assertThat(a.latitude()).isBetween(43.15, 43.35);
      assertThat(a.longitude()).isBetween(76.75, 77.00);
      for (PilotFleet.Post b : posts) {
        if (a != b) {
          assertThat(metres(a, b)).as(a.name() + " to " + b.name()).isGreaterThanOrEqualTo(300);
        }
      }
    }
    var alatau = posts.stream().filter(p -> p.district().equals("Алатауский")).toList();
    assertThat(alatau.stream().mapToDouble(PilotFleet.Post::longitude).max().orElseThrow()
        - alatau.stream().mapToDouble(PilotFleet.Post::longitude).min().orElseThrow()).as("not on one line").isGreaterThan(0.03);
    assertThat(PilotFleet.find(new PostId("alatau-001"))).get().extracting(PilotFleet.Post::name).isEqualTo("МПП-01 Ужет");
  }
}
