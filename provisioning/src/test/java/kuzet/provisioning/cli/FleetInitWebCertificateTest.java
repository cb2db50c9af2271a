package kuzet.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import kuzet.brokeraccount.FleetFiles;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet init} gives the board an HTTPS certificate from a name-constrained web root, not from the fleet CA,
 * and writes no key that could sign another web certificate.
 */
class FleetInitWebCertificateTest {
  @TempDir
  Path dir;

  @Test
  void theBoardsCertificateChainsToANameConstrainedWebRootAndNotToTheFleetCa() throws Exception {
    CliRun init = CliRun.of("fleet", "init", "--data-dir", dir.toString(), "--hub-host", "hub.example.kz,10.0.0.5");
    assertThat(init.exit()).as(init.err()).isZero();
    FleetFiles files = new FleetFiles(dir.resolve("fleet"));
    assertThat(init.out()).contains("http.tls.cert=" + files.webCertificate()).contains(files.webRootCertificate().toString());

    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    X509Certificate root = (X509Certificate) x509.generateCertificate(Files.newInputStream(files.webRootCertificate()));
    List<X509Certificate> chain = x509.generateCertificates(
        new ByteArrayInputStream(Files.readAllBytes(files.webCertificate()))).stream().map(c -> (X509Certificate) c).toList();
    assertThat(chain).hasSize(2);
    assertThat(root.getCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());
    assertThat(chain.get(1).getCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());
    X509Certificate fleetCa = (X509Certificate) x509.generateCertificate(Files.newInputStream(files.caCertificate()));
    assertThat(chain.get(1).getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal())
        .isNotEqualTo(fleetCa.getSubjectX500Principal());

    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(x509.generateCertPath(chain), params);

    assertThat(Files.getPosixFilePermissions(files.webKey())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var listing = Files.list(files.dir())) {
      assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".key")))
          .as("no web CA key is kept").containsExactlyInAnyOrder("ca.key", "hub.key", "web.key");
    }
  }
}
