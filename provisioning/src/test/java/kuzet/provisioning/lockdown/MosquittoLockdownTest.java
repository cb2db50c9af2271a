package kuzet.provisioning.lockdown;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.provisioning.mosquitto.MosquittoExport;

/** The lock-down with a real Mosquitto that loads exactly what {@code broker export} wrote. */
class MosquittoLockdownTest extends LockdownScenarios {
  private MosquittoBroker broker;
  private int tlsPort;

  @Override
  void startBroker() throws Exception {
    tlsPort = MosquittoBroker.freePort();
    export();
    List<String> config = new ArrayList<>();
    // as root Mosquitto would drop to its own user, which cannot enter JUnit's owner-only temp directory
    config.add("user root");
    config.addAll(Files.readAllLines(dir.resolve("export").resolve(MosquittoExport.CONF_FILE)));
    broker = MosquittoBroker.start(dir.resolve("mosquitto"), MosquittoBroker.freePort(), config);
  }

  private void export() {
    TestFleet.cli("broker", "export", "--data-dir", fleet.dataDir.toString(),
        "--mosquitto", dir.resolve("export").toString(), "--tls-port", Integer.toString(tlsPort));
  }

  @Override
  void stopBroker() {
    if (broker != null) {
      broker.stop();
    }
  }

  @Override
  void afterRegistryChange() throws Exception {
    export();
    // a restart rather than SIGHUP: Mosquitto 2.0 does not reload the CRL on SIGHUP
    broker.stop();
    broker.startProcess();
  }

  @Override
  String plainUrl() {
    return broker.url();
  }

  @Override
  String tlsUrl() {
    return "ssl://127.0.0.1:" + tlsPort;
  }

}
