package kuzet.hub.scenario;

import java.nio.file.Path;
import kuzet.hub.testing.TestBroker;

/** The end-to-end scenarios through the hub's own embedded HiveMQ CE. */
class HubOverEmbeddedBrokerTest extends HubOverBrokerScenarios {
  @Override
  TestBroker startBroker(Path dir) throws Exception {
    return TestBroker.embedded(dir);
  }
}
