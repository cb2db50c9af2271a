package kuzet.provisioning.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;

/**
 * The CA operators trust in their browsers for the board can vouch for the hub's names only: its certificate
 * carries critical name constraints, and a certificate it signs for any other site fails a PKIX path check.
 */
class WebCaNameConstraintsTest {
  private static final List<String> HUB = List.of("hub.almaty.police.kz", "10.20.0.5");
  private final FleetCa.WebCa web = FleetCa.createWebCa("alatau", HUB, Clock.systemUTC(), new SecureRandom());
  private final FleetCa webCa = web.issuer();

  @Test
  void theWebRootAndItsIssuingCaAreLimitedToTheHubsNamesAndAddresses() {
    assertLimitedToTheHub(web.root());
    assertLimitedToTheHub(webCa.certificate());
    assertThat(web.root().getBasicConstraints()).isEqualTo(1);
    assertThat(webCa.certificate().getBasicConstraints()).as("signs only end-entity certificates").isZero();
  }

  private static void assertLimitedToTheHub(X509Certificate ca) {
    assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());
    NameConstraints nc = NameConstraints.getInstance(
        org.bouncycastle.asn1.ASN1OctetString.getInstance(ca.getExtensionValue(Extension.nameConstraints.getId())).getOctets());
    assertThat(nc.getExcludedSubtrees()).isNull();
    assertThat(nc.getPermittedSubtrees()).extracting(GeneralSubtree::getBase)
        .containsExactly(new GeneralName(GeneralName.dNSName, "hub.almaty.police.kz"),
            new GeneralName(GeneralName.iPAddress, "10.20.0.5/32"));
  }

  @Test
  void theHubsCertificatePassesAPkixCheck() throws Exception {
    validate(webCa.issueServer("hub.almaty.police.kz", HUB).certificate());
    // Java also holds a CN to the constraints when no DNS name is in the certificate: it must be a hub name too
    validate(webCa.issueServer("10.20.0.5", List.of("10.20.0.5")).certificate());
  }

  @Test
  void aCertificateForAnotherSiteIsRejectedEvenThoughTheWebCaSignedIt() {
    X509Certificate bank = webCa.issueServer("bank", List.of("online.bank.kz")).certificate();
    assertThatThrownBy(() -> validate(bank)).isInstanceOf(CertPathValidatorException.class)
        .hasMessageContaining("name constraints");
    X509Certificate otherAddress = webCa.issueServer("router", List.of("10.20.0.6")).certificate();
    assertThatThrownBy(() -> validate(otherAddress)).isInstanceOf(CertPathValidatorException.class);
    X509Certificate smuggled = webCa.issueServer("mixed", List.of("hub.almaty.police.kz", "mail.google.com"))
        .certificate();
    assertThatThrownBy(() -> validate(smuggled)).isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void theFleetCaHasNoSuchLimitWhichIsWhyBrowsersMustNotTrustIt() throws Exception {
    FleetCa fleet = FleetCa.create("alatau", Clock.systemUTC(), new SecureRandom());
    assertThat(fleet.certificate().getExtensionValue(Extension.nameConstraints.getId())).isNull();
    assertThat(web.root().getSubjectX500Principal()).isNotEqualTo(fleet.certificate().getSubjectX500Principal());
  }

  private void validate(X509Certificate leaf) throws Exception {
    // what a browser does: trust the web root, and check the chain the hub serves (its certificate, the web CA)
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(web.root(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, webCa.certificate())), params);
  }
}
