package kuzet.hub.telemetry;

import static kuzet.hub.telemetry.TelemetryFixtures.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import org.junit.jupiter.api.Test;

/** The exact lines docs/telemetry-schema.md shows. */
class TelemetrySchemaTest {

  private static RegisteredPost post(String district) {
    return new RegisteredPost(new PostId("alatau-0001"), PostType.MODULAR_POST, "Post 1", district, 43.2, 76.8, BASE,
        null, null, null);
  }

  @Test
  void fullSampleBecomesOneLineWithTagsAndTypedFields() {
    Readings r = new Readings(-5.5, 40.0, 12.6, true, false, false, true, true, false, false, 3);
    String line = TelemetrySchema.toLineProtocol(post("Alatau"), new Telemetry(new PostId("alatau-0001"),
        BASE.plusMillis(250), "boot-1", 42, r));
    assertThat(line).isEqualTo("post_telemetry,district=Alatau,post_id=alatau-0001,post_type=modular-post"
        + " battery_v=12.6,beacon_on=false,door_open=false,floodlights_on=true,humidity_pct=40.0,"
        + "interior_light_on=false,mains_present=true,motion=true,outbox_depth=3i,seq=42i,tamper=false,"
        + "temperature_c=-5.5 1795500000250000000");
  }

  @Test
  void messagesThePostsFullOutboxDroppedAreStoredAsOneTotal() {
    Readings r = new Readings(null, null, null, null, null, null, null, null, null, null, 0,
        java.util.Map.of("TELEMETRY", 120L, "MOTION", 3L));
    String line = TelemetrySchema.toLineProtocol(post("Alatau"), new Telemetry(new PostId("alatau-0001"), BASE,
        "boot-1", 7, r));
    assertThat(line).isEqualTo("post_telemetry,district=Alatau,post_id=alatau-0001,post_type=modular-post"
        + " outbox_depth=0i,outbox_purged=123i,seq=7i 1795500000000000000");
  }

  @Test
  void missingReadingsAreLeftOutAndSeqKeepsTheLineValid() {
    String line = TelemetrySchema.toLineProtocol(post("Alatau"), new Telemetry(new PostId("alatau-0001"), BASE,
        "boot-1", 7, Readings.empty()));
    assertThat(line).isEqualTo(
        "post_telemetry,district=Alatau,post_id=alatau-0001,post_type=modular-post seq=7i 1795500000000000000");
  }

  @Test
  void districtWithSpacesCommasAndLineBreaksStaysOneTag() {
    String line = TelemetrySchema.toLineProtocol(post("Medeu, upper\nslopes=2"), new Telemetry(
        new PostId("alatau-0001"), BASE, "boot-1", 7, Readings.empty()));
    assertThat(line).startsWith("post_telemetry,district=Medeu\\,\\ upper\\ slopes\\=2,post_id=alatau-0001,");
    assertThat(line).doesNotContain("\n");
  }
}
