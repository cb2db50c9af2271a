package kuzet.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kuzet.hub.alert.Severity;
import kuzet.hub.alert.rules.RuleSettings;
import kuzet.hub.alert.rules.RuleSettingsResolver;
import kuzet.hub.escalation.EscalationSettings;
import kuzet.hub.grouping.GroupingSettings;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import org.junit.jupiter.api.Test;

/** The alerting keys: defaults, overrides, and a clear error naming the key for every kind of bad value. */
class AlertingConfigTest {

  static ConfigSource src(Map<String, String> values) {
    return ConfigSource.of(values, Map.of());
  }

  static RegisteredPost post(String id, PostType type) {
    return new RegisteredPost(new PostId(id), type, "Post", "Alatau", 43.2, 76.9, Instant.EPOCH, null, null, null);
  }

  @Test
  void postOverridesBeatPostTypeOverridesWhichBeatDefaults() {
    RuleSettingsResolver r = new RuleSettingsResolver(src(Map.of(
        "alerts.temperatureMaxC", "50",
        "rules.district-point.temperatureMaxC", "40",
        "rules.alatau-001.temperatureMaxC", "30",
        "rules.district-point.staffedHours", "22:00-06:00")));
    RuleSettings plain = r.forPost(post("alatau-002", PostType.MODULAR_POST));
    RuleSettings typed = r.forPost(post("alatau-003", PostType.DISTRICT_POINT));
    RuleSettings own = r.forPost(post("alatau-001", PostType.DISTRICT_POINT));
    assertThat(plain.temperatureMaxC()).isEqualTo(50);
    assertThat(typed.temperatureMaxC()).isEqualTo(40);
    assertThat(own.temperatureMaxC()).isEqualTo(30);
    assertThat(plain.mainsLostDelay()).isEqualTo(Duration.ofSeconds(60));
    // 23:30 and 05:00 in Almaty (UTC+5) are inside a window that crosses midnight; noon is not
    assertThat(typed.staffedHours().covers(Instant.parse("2026-11-24T18:30:00Z"))).isTrue();
    assertThat(typed.staffedHours().covers(Instant.parse("2026-11-24T00:00:00Z"))).isTrue();
    assertThat(typed.staffedHours().covers(Instant.parse("2026-11-24T07:00:00Z"))).isFalse();
    assertThat(plain.staffedHours().covers(Instant.parse("2026-11-24T07:00:00Z"))).isFalse();
  }

  @Test
  void badRuleSettingsNameTheKey() {
    assertThatThrownBy(() -> new RuleSettingsResolver(src(Map.of("alerts.batteryLowV", "low"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'alerts.batteryLowV': 'low' is not a number");
    assertThatThrownBy(() -> new RuleSettingsResolver(src(Map.of("rules.modular-post.clearHoldS", "-5"))))
        .hasMessageContaining("'rules.modular-post.clearHoldS'").hasMessageContaining("out of range");
    assertThatThrownBy(() -> new RuleSettingsResolver(src(Map.of("rules.Not_A_Post.temperatureMaxC", "30"))))
        .hasMessageContaining("neither a post type");
    assertThatThrownBy(() -> new RuleSettingsResolver(src(Map.of("rules.alatau-001.temperatureMax", "30"))))
        .hasMessageContaining("'temperatureMax' is not a rule setting");
    assertThatThrownBy(() -> new RuleSettingsResolver(src(Map.of("alerts.staffedHours", "8-20"))))
        .hasMessageContaining("'alerts.staffedHours'").hasMessageContaining("not a window like 08:00-20:00");
    assertThatThrownBy(() -> new RuleSettingsResolver(src(Map.of("alerts.timeZone", "Mars/Olympus"))))
        .hasMessageContaining("'alerts.timeZone'");
    assertThatThrownBy(() -> new RuleSettingsResolver(src(Map.of("rules.district-point.batteryClearV", "11"))))
        .hasMessageContaining("rules.district-point").hasMessageContaining("batteryClearV 11.0 must be at least batteryLowV");
    assertThatThrownBy(() -> src(Map.of("alerts.mainsLostDelay", "5")))
        .hasMessageContaining("'alerts.mainsLostDelay': is not a known key");
  }

  @Test
  void escalationChainsTargetsAndChannelsAreParsedAndCheckedAtStart() {
    EscalationSettings s = EscalationSettings.from(src(Map.of(
        "escalation.critical.steps", "inspector:0, desk:30 ,boss:120",
        "notify.desk.webhook", "https://desk.example.kz/hook",
        "notify.boss.email", "boss@example.kz, deputy@example.kz",
        "smtp.host", "smtp.example.kz")));
    var critical = s.chains().get(Severity.CRITICAL);
    assertThat(critical.steps()).extracting(st -> st.target() + "@" + st.after().toSeconds())
        .containsExactly("inspector@0", "desk@30", "boss@120");
    assertThat(critical.reminder()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.targets().get("desk").webhook()).hasToString("https://desk.example.kz/hook");
    assertThat(s.targets().get("boss").emails()).containsExactly("boss@example.kz", "deputy@example.kz");
    assertThat(s.smtp().getHostname()).isEqualTo("smtp.example.kz");
    assertThat(EscalationSettings.from(src(Map.of())).smtp()).as("no SMTP by default").isNull();
  }

  @Test
  void badEscalationValuesNameTheKey() {
    for (String[] bad : new String[][] {
        {"escalation.critical.steps", "desk", "must be target:seconds"},
        {"escalation.critical.steps", "desk:soon", "'soon' is not a whole number of seconds"},
        {"escalation.major.steps", "desk:60,boss:30", "comes before the step it follows"},
        {"escalation.minor.steps", "Desk:0", "must be lower-case"},
        {"escalation.critical.reminderS", "-1", "out of range"},
        {"notify.duty-desk.webhook", "ftp://x", "must be an http:// or https:// URL"},
        {"notify.duty-desk.pager", "123", "'pager' is not a channel"},
        {"notify.nobody.webhook", "http://x.kz/", "target 'nobody' is in no escalation chain"},
        {"notify.duty-desk.email", "desk@example.kz", "needs smtp.host"},
        {"webhook.maxAttempts", "0", "out of range"},
        {"webhook.retryMaxMs", "500", "'webhook.retryMaxMs': must not be below webhook.retryInitialMs (1000), got 500"},
        {"smtp.starttls", "SOMETIMES", "is not DISABLED, OPTIONAL or REQUIRED"}}) {
      Map<String, String> values = new java.util.HashMap<>(Map.of(bad[0], bad[1]));
      if (bad[0].equals("smtp.starttls")) {
        values.put("smtp.host", "smtp.example.kz");
      }
      assertThatThrownBy(() -> EscalationSettings.from(src(values))).as(bad[0] + "=" + bad[1])
          .isInstanceOf(ConfigException.class).hasMessageContaining(bad[2]);
    }
  }

  @Test
  void groupingNeverTakesPanicAndChecksItsValues() {
    GroupingSettings g = GroupingSettings.from(src(Map.of()));
    assertThat(g.types()).containsExactlyInAnyOrder("MAINS_LOST", "POST_OFFLINE");
    assertThat(g.window()).isEqualTo(Duration.ofSeconds(120));
    assertThatThrownBy(() -> GroupingSettings.from(src(Map.of("grouping.types", "MAINS_LOST,PANIC"))))
        .hasMessageContaining("'grouping.types'").hasMessageContaining("PANIC is never grouped");
    assertThatThrownBy(() -> GroupingSettings.from(src(Map.of("grouping.types", "mains lost"))))
        .hasMessageContaining("'mains lost' is not an alert type");
    assertThatThrownBy(() -> GroupingSettings.from(src(Map.of("grouping.minPosts", "1"))))
        .hasMessageContaining("'grouping.minPosts'");
  }
}
