package kuzet.brokeraccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubAccountTest {
  private final String hash = MosquittoPasswordHash.hash("hub-secret", new SecureRandom());

  @Test
  void readsTheAccountFileAndChecksThePassword(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("hub-account");
    Files.writeString(f, "_hub:" + hash + "\n");
    HubAccount a = HubAccount.read(f);
    assertThat(a.username()).isEqualTo("_hub");
    assertThat(a.accepts("hub-secret")).isTrue();
    assertThat(a.accepts("guess")).isFalse();
  }

  @Test
  void usernameThatCouldBeAPostIdIsRefused() {
    assertThatThrownBy(() -> new HubAccount("kuzet-hub", hash)).hasMessageContaining("post id");
  }

  @Test
  void malformedAccountFilesNameTheFileAndTheProblem(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("hub-account");
    Files.writeString(f, "no colon here");
    assertThatThrownBy(() -> HubAccount.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("username:");
    Files.writeString(f, "_hub:$7$not-a-hash");
    assertThatThrownBy(() -> HubAccount.read(f)).hasMessageContaining("$7$");
    assertThatThrownBy(() -> HubAccount.read(dir.resolve("missing"))).hasMessageContaining("cannot read");
  }
}
