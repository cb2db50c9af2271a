package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kuzet.protocol.testing.SystemdVerify;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceUnitTest {
  @Test
  void systemdAcceptsEveryLineOfTheAgentsUnit(@TempDir Path dir) throws Exception {
    assertThat(SystemdVerify.warnings(Path.of("packaging/kuzet-agent.service"), dir)).isEmpty();
  }
}
