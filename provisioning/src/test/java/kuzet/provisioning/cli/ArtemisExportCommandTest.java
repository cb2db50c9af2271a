package kuzet.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import kuzet.brokeraccount.MosquittoPasswordHash;
import kuzet.provisioning.artemis.ArtemisExport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code broker export --broker artemis}: what it writes, and how it names bad input (the broker: ArtemisLockdownTest). */
class ArtemisExportCommandTest {
  @TempDir
  Path dir;

  Path data;
  Path out;

  @BeforeEach
  void fleet() {
    data = dir.resolve("data");
    out = dir.resolve("artemis");
    ok(CliRun.of("fleet", "init", "--data-dir", data.toString(), "--hub-host", "hub.example.kz"));
  }

  private void addPost(String id, String auth) {
    ok(CliRun.of("post", "add", "--data-dir", data.toString(), "--id", id, "--type", "modular-post", "--name", id,
        "--district", "Almaly", "--lat", "43.25", "--lon", "76.95", "--broker-url", "ssl://mqtt-1:8883",
        "--auth", auth, "--bundles-dir", dir.resolve("bundles").toString()));
  }

  private CliRun export(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("broker", "export", "--broker", "artemis",
        "--data-dir", data.toString(), "--dir", out.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void writesAccountsRolesAndEachPostsOwnAddressesLeavingRevokedPostsOut() throws Exception {
    addPost("almaly-0001", "both");
    addPost("almaly-0002", "password");
    addPost("almaly-0003", "cert");
    ok(CliRun.of("post", "revoke", "--data-dir", data.toString(), "--id", "almaly-0003"));
    CliRun run = ok(export());
    assertThat(run.out()).contains("2 active post(s), 1 revoked", "lib/");

    String users = Files.readString(out.resolve(ArtemisExport.USERS_FILE));
    assertThat(users).containsPattern("(?m)^_hub = ENC\\(\\$7\\$101\\$[^)]+\\)$")
        .containsPattern("(?m)^almaly-0001 = ENC\\(\\$7\\$").containsPattern("(?m)^almaly-0002 = ENC\\(\\$7\\$")
        .doesNotContain("almaly-0003");
    String hash = users.lines().filter(l -> l.startsWith("almaly-0001")).findFirst().orElseThrow();
    assertThat(MosquittoPasswordHash.isWellFormed(hash.substring(hash.indexOf("ENC(") + 4, hash.length() - 1))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(ArtemisExport.USERS_FILE))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(out.resolve(ArtemisExport.ROLES_FILE))).contains("kuzet-hub = _hub",
        "kuzet-posts = almaly-0001,almaly-0002", "kuzet-post-almaly-0001 = almaly-0001").doesNotContain("almaly-0003");
    assertThat(Files.readString(out.resolve(ArtemisExport.LOGIN_CONFIG)))
        .contains("password.codec=\"kuzet.provisioning.artemis.MosquittoHashCodec\"", "\"artemis-users.properties\"");

    Element settings = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(out.resolve(ArtemisExport.SECURITY_SETTINGS))))
        .getDocumentElement();
    assertThat(settings.getTagName()).isEqualTo("security-settings");
    assertThat(roles(settings, "posts.almaly-0001.events", "send")).isEqualTo("kuzet-post-almaly-0001");
    assertThat(roles(settings, "posts.almaly-0001.commands", "send")).isEqualTo("kuzet-hub");
    assertThat(roles(settings, "posts.almaly-0001.commands", "consume")).isEqualTo("kuzet-hub,kuzet-post-almaly-0001");
    assertThat(roles(settings, "posts._hub.status", "consume")).isEqualTo("kuzet-hub,kuzet-posts");
    assertThat(roles(settings, "posts._hub.status", "send")).isEqualTo("kuzet-hub");
    assertThat(roles(settings, "posts.*.commands", "send")).isEqualTo("kuzet-hub");
    assertThat(roles(settings, "posts.#", "consume")).isEqualTo("kuzet-hub");
    assertThat(roles(settings, "posts.#", "send")).isNull();
    assertThat(roles(settings, "#", "manage")).isEqualTo("amq");
    assertThat(Files.readString(out.resolve(ArtemisExport.SECURITY_SETTINGS))).doesNotContain("almaly-0003");

    try (JarFile jar = new JarFile(out.resolve(ArtemisExport.CODEC_JAR).toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName)).contains("kuzet/provisioning/artemis/MosquittoHashCodec.class",
          "kuzet/brokeraccount/MosquittoPasswordHash.class");
    }
    try (JarFile jar = new JarFile(out.resolve(ArtemisExport.PLUGIN_JAR).toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")))
          .as("the plugin jar carries the plugin's classes alone, none of the CLI's dependencies")
          .containsExactlyInAnyOrder("kuzet/artemis/ClientIdPlugin.class", "kuzet/artemis/ConnectCheck.class",
              "kuzet/artemis/ClientIdRule.class", "kuzet/artemis/AccountWatch.class");
    }
    Element plugin = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(out.resolve(ArtemisExport.PLUGINS))))
        .getDocumentElement().getElementsByTagName("broker-plugin").item(0);
    assertThat(plugin.getAttribute("class-name")).isEqualTo("kuzet.artemis.ClientIdPlugin");
    Element unbound = (Element) plugin.getElementsByTagName("property").item(0);
    assertThat(unbound.getAttribute("key") + "=" + unbound.getAttribute("value")).isEqualTo("unbound-users=_hub");
    Element files = (Element) plugin.getElementsByTagName("property").item(1);
    assertThat(files.getAttribute("key") + "=" + files.getAttribute("value")).isEqualTo("users-files="
        + "kuzet-users.properties,kuzet-cert-users.properties,artemis-users.properties");
  }

  /** The roles of one permission in the setting matching {@code match}, null when it has none. */
  private static String roles(Element settings, String match, String type) {
    NodeList all = settings.getElementsByTagName("security-setting");
    for (int i = 0; i < all.getLength(); i++) {
      Element s = (Element) all.item(i);
      if (s.getAttribute("match").equals(match)) {
        NodeList permissions = s.getElementsByTagName("permission");
        for (int j = 0; j < permissions.getLength(); j++) {
          Element p = (Element) permissions.item(j);
          if (p.getAttribute("type").equals(type)) {
            return p.getAttribute("roles");
          }
        }
        return null;
      }
    }
    throw new AssertionError("no security-setting for " + match);
  }

  @Test
  void postsWithACertificateLogInOnTheCertificateAcceptorAndRevokedOnesAreInTheCrl() throws Exception {
    addPost("almaly-0004", "cert");
    addPost("almaly-0005", "both");
    addPost("almaly-0006", "cert");
    ok(CliRun.of("post", "revoke", "--data-dir", data.toString(), "--id", "almaly-0006"));
    ok(export("--tls-port", "8884"));
    assertThat(Files.readString(out.resolve(ArtemisExport.USERS_FILE))).as("password logins")
        .contains("almaly-0005 = ENC(").doesNotContain("almaly-0004", "null");
    assertThat(Files.readString(out.resolve(ArtemisExport.CERT_USERS_FILE)).lines())
        .contains("almaly-0004 = CN=almaly-0004, O=Kuzet", "almaly-0005 = CN=almaly-0005, O=Kuzet")
        .noneMatch(l -> l.contains("almaly-0006"));
    assertThat(Files.readString(out.resolve(ArtemisExport.ROLES_FILE))).contains("kuzet-post-almaly-0004 = almaly-0004",
        "kuzet-posts = almaly-0004,almaly-0005");
    assertThat(Files.readString(out.resolve(ArtemisExport.LOGIN_CONFIG))).contains("kuzet-cert {",
        "TextFileCertificateLoginModule required", "textfiledn.user=\"kuzet-cert-users.properties\"");
    Element acceptor = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(out.resolve(ArtemisExport.ACCEPTOR)))).getDocumentElement();
    assertThat(acceptor.getTextContent())
        .startsWith("tcp://0.0.0.0:8884?protocols=MQTT;sslEnabled=true;needClientAuth=true")
        .contains("crlPath=${artemis.instance.etc}/crl.pem", "securityDomain=kuzet-cert");
    X509CRL crl;
    try (var in = Files.newInputStream(out.resolve(ArtemisExport.CRL_FILE))) {
      crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    }
    assertThat(crl.getRevokedCertificates()).as("revoked serials in crl.pem").hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(ArtemisExport.KEY_STORE))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(out.resolve(ArtemisExport.KEY_STORE))).contains("PRIVATE KEY", "BEGIN CERTIFICATE");
  }

  @Test
  void badInputIsNamed() {
    assertError(CliRun.of("broker", "export", "--broker", "rabbitmq", "--data-dir", data.toString(), "--dir",
        out.toString()), 2, "unknown broker 'rabbitmq' for --broker: use one of mosquitto, artemis");
    assertError(export("--hub-port", "1885"), 2, "--hub-port is for Mosquitto's listeners");
    assertError(export("--tls-port", "0"), 1, "TLS port 0 is out of range 1..65535");
    assertError(CliRun.of("broker", "export", "--broker", "artemis", "--data-dir", data.toString(), "--mosquitto",
        out.toString()), 2, "--mosquitto DIR is for Mosquitto; use --dir DIR");
    assertError(CliRun.of("broker", "export", "--broker", "artemis", "--data-dir", data.toString()), 2,
        "missing --dir DIR");
    Path nowhere = dir.resolve("no-such-data");
    assertError(CliRun.of("broker", "export", "--broker", "artemis", "--data-dir", nowhere.toString(), "--dir",
        out.toString()), 1, "no fleet in " + nowhere.resolve("fleet") + " (no hub-account file)");
    assertError(CliRun.of("broker", "export", "--data-dir", nowhere.toString(), "--dir", out.toString()), 1,
        "no fleet CA in " + nowhere.resolve("fleet"));
    assertThat(out).doesNotExist();
  }

  private static CliRun ok(CliRun run) {
    assertThat(run.exit()).as(run.err()).isZero();
    return run;
  }

  private static void assertError(CliRun run, int exit, String message) {
    assertThat(run.exit()).as("exit code; stderr: " + run.err()).isEqualTo(exit);
    assertThat(run.err()).contains(message);
    assertThat(run.err()).doesNotContain("Exception");
  }
}
