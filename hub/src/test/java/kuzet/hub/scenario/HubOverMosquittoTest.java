package kuzet.hub.scenario;

import java.nio.file.Path;
import kuzet.hub.testing.TestBroker;

/** The end-to-end scenarios through Debian's Mosquitto as an external broker. */
class HubOverMosquittoTest extends HubOverBrokerScenarios {
  @Override
  TestBroker startBroker(Path dir) throws Exception {
    return TestBroker.mosquitto(dir);
  }
}
