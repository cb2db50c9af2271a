package kuzet.hub.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void lineBreaksAndControlCharactersCannotForgeALogLine() {
    String forged = LogText.clean("duty1\r\n2026-12-01 INFO kuzet.audit admin SIGN_IN\u001b[31m\u2028");
    assertThat(forged).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\u2028")
        .startsWith("duty1\\u000d\\u000a2026-12-01");
  }

  @Test
  void overlongValuesAreCutAndSayHowLongTheyWere() {
    assertThat(LogText.clean("x".repeat(10_000))).hasSizeLessThan(LogText.MAX_LENGTH + 30).endsWith("(10000 chars)");
    assertThat(LogText.clean("Алматы пост 1")).isEqualTo("Алматы пост 1");
    assertThat(LogText.clean(null)).isEqualTo("null");
  }
}
