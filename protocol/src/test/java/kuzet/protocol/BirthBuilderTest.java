package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder fills the same record and goes through the same checks as the constructor. */
class BirthBuilderTest {
  private static final PostId POST = PostId.of("alatau-001");
  private static final Instant TS = Instant.parse("2026-11-24T18:00:00Z");

  private static Birth.Builder complete() {
    return Birth.builder().postId(POST).ts(TS).bootId("7f3c2a").seq(4).agentVersion("0.1.0")
        .hardwareProfile("modular-post").hubReachable(true);
  }

  @Test
  void fieldsLeftUnsetAreAbsentAsFromOlderPosts() {
    Birth b = complete().build();
    assertThat(b).isEqualTo(new Birth(POST, TS, "7f3c2a", 4, "0.1.0", "modular-post", true, null, null, null));
  }

  @Test
  void everyFieldReachesTheRecord() {
    Birth b = complete().faults(List.of("bme280")).configVersion(3L).updateTrial(true).build();
    assertThat(b.faults()).containsExactly("bme280");
    assertThat(b.configVersion()).isEqualTo(3L);
    assertThat(b.updateTrial()).isTrue();
  }

  @Test
  void aMissingOrBadFieldIsRefusedByNameAsByTheConstructor() {
    assertThatThrownBy(() -> complete().postId(null).build()).hasMessageContaining("postId");
    assertThatThrownBy(() -> complete().agentVersion(" ").build()).hasMessageContaining("agentVersion");
    assertThatThrownBy(() -> complete().seq(-1).build()).hasMessageContaining("seq -1 is out of range");
    assertThatThrownBy(() -> complete().configVersion(-2L).build()).hasMessageContaining("configVersion");
  }
}
