package kuzet.hub.scenario;

import java.nio.file.Path;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end scenarios through the hub's own embedded HiveMQ CE. */
class HubOverEmbeddedBrokerTest extends HubOverBrokerScenarios {
  @TempDir
  static Path brokerDir;
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.embedded(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Override
  TestBroker broker() {
    return broker;
  }
}
