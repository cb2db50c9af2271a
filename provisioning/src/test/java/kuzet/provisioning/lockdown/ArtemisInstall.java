package kuzet.provisioning.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import kuzet.protocol.testing.ArtemisCluster;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.provisioning.artemis.ArtemisExport;

/** What docs/scale-out.md tells an installer to do with {@code broker export --broker artemis} on an instance. */
final class ArtemisInstall {
  /** Everything in etc/ that a re-export may change. */
  private static final List<String> ETC_FILES = List.of(ArtemisExport.USERS_FILE, ArtemisExport.ROLES_FILE,
      ArtemisExport.LOGIN_CONFIG, ArtemisExport.SECURITY_SETTINGS, ArtemisExport.PLUGINS, ArtemisExport.CERT_USERS_FILE,
      ArtemisExport.CA_FILE, ArtemisExport.CRL_FILE, ArtemisExport.KEY_STORE, ArtemisExport.ACCEPTOR);

  private ArtemisInstall() {}

  /** Exports the fleet in {@code dataDir} to {@code export}, the certificate acceptor on {@code tlsPort}. */
  static void export(Path dataDir, Path export, int tlsPort) {
    TestFleet.cli("broker", "export", "--broker", "artemis", "--data-dir", dataDir.toString(), "--dir",
        export.toString(), "--tls-port", String.valueOf(tlsPort));
  }

  /** Exports, installs on node 1 and restarts it: the node then runs locked down. */
  static void lockDown(ArtemisCluster broker, Path dataDir, Path export, int tlsPort) throws Exception {
    export(dataDir, export, tlsPort);
    install(export, broker.instance(1));
    broker.kill(1);
    broker.restart(1);
  }

  static int freePort() throws Exception {
    return MosquittoBroker.freePort();
  }

  /**
   * The files to etc/, the codec and the plugin to lib/; broker.xml includes the security settings in place of its
   * own and the plugin, and gets the certificate acceptor pasted among its acceptors (Artemis's schema refuses the
   * xml:base attribute XInclude puts on an included acceptor). The node must be restarted after this.
   */
  static void install(Path export, Path instance) throws Exception {
    copyToEtc(export, instance);
    for (String jar : List.of(ArtemisExport.CODEC_JAR, ArtemisExport.PLUGIN_JAR)) {
      Files.copy(export.resolve(jar), instance.resolve("lib").resolve(jar));
    }
    Path etc = instance.resolve("etc");
    Path xml = etc.resolve("broker.xml");
    String config = Files.readString(xml);
    String included = config.replaceFirst("(?s)<security-settings>.*</security-settings>", include(etc,
            ArtemisExport.SECURITY_SETTINGS))
        .replace("</acceptors>", Files.readString(export.resolve(ArtemisExport.ACCEPTOR)) + "</acceptors>")
        .replaceFirst("</core>", include(etc, ArtemisExport.PLUGINS) + "\n</core>");
    assertThat(included).as("broker.xml with the export's settings, acceptor and plugin")
        .contains(ArtemisExport.SECURITY_SETTINGS, "kuzet-mqtt-tls", ArtemisExport.PLUGINS)
        .doesNotContain("<security-settings>");
    Files.writeString(xml, included);
  }

  /** A re-export on a running node: the files copied over, then broker.xml touched so that Artemis reloads it. */
  static void reinstall(Path export, Path instance) throws Exception {
    copyToEtc(export, instance);
    Files.setLastModifiedTime(instance.resolve("etc").resolve("broker.xml"), FileTime.from(Instant.now()));
  }

  private static void copyToEtc(Path export, Path instance) throws Exception {
    for (String file : ETC_FILES) {
      Files.copy(export.resolve(file), instance.resolve("etc").resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String include(Path etc, String file) {
    return "<xi:include href=\"" + etc.resolve(file).toAbsolutePath() + "\"/>";
  }
}
