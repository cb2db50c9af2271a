package kuzet.provisioning.lockdown;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.provisioning.mosquitto.MosquittoExport;

/** The lock-down with a real Mosquitto that loads exactly what {@code broker export} wrote, all its listeners. */
class MosquittoLockdownTest extends LockdownScenarios {
  private MosquittoBroker broker;
  private int hubPort;
  private int passwordPort;
  private int tlsPort;

  @Override
  void startBroker() throws Exception {
    hubPort = MosquittoBroker.freePort();
    passwordPort = MosquittoBroker.freePort();
    tlsPort = MosquittoBroker.freePort();
    export();
    List<String> config = new ArrayList<>();
    // as root Mosquitto would drop to its own user, which cannot enter JUnit's owner-only temp directory
    config.add("user root");
    config.addAll(Files.readAllLines(dir.resolve("export").resolve(MosquittoExport.CONF_FILE)));
    broker = MosquittoBroker.startWithListenersOf(dir.resolve("mosquitto"), hubPort, config);
  }

  private void export() {
    TestFleet.cli("broker", "export", "--data-dir", fleet.dataDir.toString(),
        "--mosquitto", dir.resolve("export").toString(), "--hub-port", Integer.toString(hubPort),
        "--password-port", Integer.toString(passwordPort), "--tls-port", Integer.toString(tlsPort));
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

  @org.junit.jupiter.api.Test
  void aPostsPasswordIsNoUseOnTheHubsListener() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MqttProbe.connect(plainUrl(), "post-01", "post-01",
        fleet.passwords.get("post-01"), null)).isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
  }

  @Override
  String plainUrl() {
    return broker.url();
  }

  @Override
  String devicePlainUrl() {
    return "tcp://127.0.0.1:" + passwordPort;
  }

  @Override
  String tlsUrl() {
    return "ssl://127.0.0.1:" + tlsPort;
  }
}
