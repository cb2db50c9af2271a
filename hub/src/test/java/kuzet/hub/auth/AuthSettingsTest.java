package kuzet.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.HubConfig;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {
  static AuthSettings with(Duration ttl, Duration idle, Duration first, Duration max) {
    return new AuthSettings(ttl, idle, first, max, 20, 2, false, false);
  }

  @Test
  void outOfRangeSettingsAreRefusedNamingTheSetting() {
    Duration h = Duration.ofHours(1);
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> with(Duration.ofSeconds(5), h, s, h)).hasMessageContaining("auth.sessionTtl");
    assertThatThrownBy(() -> with(h, Duration.ofSeconds(5), s, h)).hasMessageContaining("auth.sessionIdleTimeoutS");
    assertThatThrownBy(() -> with(h, h, Duration.ofSeconds(-1), h)).hasMessageContaining("auth.firstBackoff");
    assertThatThrownBy(() -> with(h, h, s, Duration.ZERO)).hasMessageContaining("auth.maxBackoffS");
  }

  @Test
  void theConfigKeysSetIdleTimeoutBackoffAndHashingSlots() {
    AuthSettings a = AuthSettings.from(HubConfig.defaults(Map.of("auth.sessionIdleTimeoutS", "120",
        "auth.maxBackoffS", "60", "auth.addressFreeFailures", "3", "auth.hashingSlots", "1",
        "http.behindTlsProxy", "true")).signIn());
    assertThat(a.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(a.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(a.addressFreeFailures()).isEqualTo(3);
    assertThat(a.hashingSlots()).isEqualTo(1);
    assertThat(a.viaProxy()).isTrue();
    assertThat(a.forceSecureCookie()).as("behind a TLS proxy the cookie is Secure").isTrue();
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("auth.hashingSlots", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.hashingSlots");
  }
}
