package kuzet.hub.scenario;

import java.nio.file.Path;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end scenarios through Debian's Mosquitto as an external broker. */
class HubOverMosquittoTest extends HubOverBrokerScenarios {
  @TempDir
  static Path brokerDir;
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.mosquitto(brokerDir);
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
