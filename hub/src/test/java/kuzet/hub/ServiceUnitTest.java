package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kuzet.protocol.testing.SystemdVerify;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceUnitTest {
  @Test
  void systemdAcceptsEveryLineOfTheHubsUnit(@TempDir Path dir) throws Exception {
    assertThat(SystemdVerify.warnings(Path.of("packaging/kuzet-hub.service"), dir)).isEmpty();
  }
}
