package kuzet.hub.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {
  @Test
  void outOfRangeSettingsNameTheKey() {
    assertThatThrownBy(() -> new AuthSettings(Duration.ofSeconds(5), 5, Duration.ofSeconds(1), Duration.ofMinutes(1), false))
        .hasMessageContaining("auth.sessionTtl");
    assertThatThrownBy(() -> new AuthSettings(Duration.ofHours(1), 0, Duration.ofSeconds(1), Duration.ofMinutes(1), false))
        .hasMessageContaining("auth.maxFailedAttempts");
    assertThatThrownBy(() -> new AuthSettings(Duration.ofHours(1), 5, Duration.ofSeconds(-1), Duration.ofMinutes(1), false))
        .hasMessageContaining("auth.firstBackoff");
    assertThatThrownBy(() -> new AuthSettings(Duration.ofHours(1), 5, Duration.ofSeconds(1), Duration.ZERO, false))
        .hasMessageContaining("auth.lockDuration");
  }
}
