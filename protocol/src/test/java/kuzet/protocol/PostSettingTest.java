package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostSettingTest {
  private final ProtocolCodec codec = ProtocolCodec.defaults();

  @Test
  void eachFormParsesItsValuesAndSaysWhatIsWrongWithABadOne() {
    assertThat(PostSetting.TELEMETRY_INTERVAL_S.parse(" 60 ")).isEqualTo(60L);
    assertThat(PostSetting.LATITUDE.parse("43.25")).isEqualTo(43.25);
    assertThat(PostSetting.FLOODLIGHTS_HOURS.parse("20:00-06:30"))
        .isEqualTo(new PostSetting.Window(LocalTime.of(20, 0), LocalTime.of(6, 30)));
    assertThat(PostSetting.FLOODLIGHTS_HOURS.parse("")).isEqualTo(PostSetting.Window.NONE);
    assertThatThrownBy(() -> PostSetting.TELEMETRY_INTERVAL_S.parse("0")).hasMessage("0 is out of range [1, 3600]");
    assertThatThrownBy(() -> PostSetting.SELF_TEST_HOUR.parse("noon")).hasMessage("'noon' is not a whole number");
    assertThatThrownBy(() -> PostSetting.LONGITUDE.parse("NaN")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> PostSetting.INTERIOR_HOURS.parse("08:00-08:00")).hasMessageContaining("not a daily window");
    assertThat(PostSetting.byKey("panic.holdMs")).contains(PostSetting.PANIC_HOLD_MS);
    assertThat(PostSetting.byKey("mqtt.url")).isEmpty();
  }

  @Test
  void staffedHoursAreCheckedLikeEveryOtherSettingButNeverSentToThePost() {
    assertThat(PostSetting.byKey("alerts.staffedHours")).contains(PostSetting.STAFFED_HOURS);
    assertThat(PostSetting.STAFFED_HOURS.applies()).isEqualTo(PostSetting.Applies.HUB);
    assertThatThrownBy(() -> PostSetting.STAFFED_HOURS.parse("8-20")).hasMessageContaining("not a daily window");
    assertThat(PostSetting.forPost(java.util.Map.of("alerts.staffedHours", "08:00-20:00", "panic.holdMs", "3000",
        "no.such.key", "1"))).containsExactly(java.util.Map.entry("panic.holdMs", "3000"));
    assertThat(PostSetting.keys()).contains("alerts.staffedHours");
    assertThat(PostSetting.postKeys()).contains("panic.holdMs").doesNotContain("alerts.staffedHours");
  }

  @Test
  void aWindowCanCrossMidnight() {
    PostSetting.Window night = PostSetting.FLOODLIGHTS_HOURS.window("22:00-06:00");
    assertThat(night.covers(LocalTime.of(23, 0))).isTrue();
    assertThat(night.covers(LocalTime.of(5, 59))).isTrue();
    assertThat(night.covers(LocalTime.of(6, 0))).isFalse();
    assertThat(PostSetting.Window.NONE.covers(LocalTime.NOON)).isFalse();
  }

  @Test
  void aConfigWithoutAVersionOrSettingsIsRefusedByTheCodecButItsValuesAreThePostsToJudge() throws Exception {
    String topic = "posts/alatau-001/config";
    String head = "{\"type\":\"CONFIG\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2026-11-24T12:00:00Z\","
        + "\"bootId\":\"hub\",\"seq\":1,\"commandId\":\"" + UUID.randomUUID() + "\"";
    assertThatThrownBy(() -> codec.decode(topic, (head + ",\"settings\":{}}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecodeException.class).hasMessage("missing field 'configVersion'");
    assertThatThrownBy(() -> codec.decode(topic, (head + ",\"configVersion\":0,\"settings\":{}}")
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("configVersion 0 is out of range");
    assertThatThrownBy(() -> codec.decode(topic, (head + ",\"configVersion\":2,\"settings\":{\"a\":{}}}")
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeException.class);
    PostConfig pc = (PostConfig) codec.decode(topic, (head + ",\"configVersion\":2,\"settings\":{\"panic.holdMs\":\"99999\"}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(pc.settings()).containsEntry("panic.holdMs", "99999");
  }
}
