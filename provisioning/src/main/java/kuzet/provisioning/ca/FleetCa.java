package kuzet.provisioning.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import kuzet.protocol.PostId;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The fleet's certificate authority (ECDSA P-256, so issuing hundreds of device certificates takes seconds):
 * it signs the hub's server certificate, each post's client certificate (CN = post id) and the revocation list.
 */
public final class FleetCa {
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Duration CA_LIFETIME = Duration.ofDays(20 * 365);
  private static final Duration LEAF_LIFETIME = Duration.ofDays(10 * 365);
  /** Reissued on every broker export; a long life keeps an old CRL from locking the whole fleet out. */
  private static final Duration CRL_LIFETIME = Duration.ofDays(10 * 365);

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;
  private final SecureRandom random;

  public FleetCa(X509Certificate certificate, PrivateKey key, Clock clock, SecureRandom random) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  public static FleetCa create(String fleetName, Clock clock, SecureRandom random) {
    return createCa(fleetName, fleetName + " fleet CA", List.of(), clock, random);
  }

  /** The board's HTTPS CA: the root operators trust, and the constrained CA under it that signs the hub's certificate. */
  public record WebCa(X509Certificate root, FleetCa issuer) {}

  /**
   * The CA for the board's HTTPS certificate, kept apart from the fleet CA. Operators trust its root in their
   * browsers, so the root and the CA under it carry critical X.509 name constraints that permit only the hub's
   * own names and addresses: no certificate for any other site passes a browser's or PKIX path check. The root's
   * key signs the issuing CA and is then dropped (never written), so the root can vouch for nothing else; the
   * issuing CA carries the constraints too, because not every verifier applies a trust anchor's own.
   */
  public static WebCa createWebCa(String fleetName, Collection<String> hubHosts, Clock clock, SecureRandom random) {
    if (hubHosts.isEmpty()) {
      throw new IllegalArgumentException("the web CA needs at least one host name or address to be limited to");
    }
    List<GeneralSubtree> permitted = new ArrayList<>();
    for (String h : hubHosts) {
      permitted.add(new GeneralSubtree(isAddress(h)
          ? new GeneralName(GeneralName.iPAddress, h + (h.contains(":") ? "/128" : "/32"))
          : new GeneralName(GeneralName.dNSName, h)));
    }
    FleetCa root = createCa(fleetName, fleetName + " hub web root", permitted, clock, random);
    return new WebCa(root.certificate(), root.subCa(fleetName + " hub web CA", permitted));
  }

  private FleetCa subCa(String subjectName, List<GeneralSubtree> permitted) {
    try {
      KeyPair pair = newKeyPair(random);
      Instant now = clock.instant();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(LEAF_LIFETIME)), name(subjectName),
          pair.getPublic());
      caExtensions(b, pair, 0, permitted);
      b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
      return new FleetCa(cert, pair.getPrivate(), clock, random);
    } catch (Exception e) {
      throw new IllegalStateException("creating the " + subjectName + " failed: " + e.getMessage(), e);
    }
  }

  private static void caExtensions(X509v3CertificateBuilder b, KeyPair pair, int pathLength,
                                   List<GeneralSubtree> permitted) throws Exception {
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
    if (!permitted.isEmpty()) {
      b.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted.toArray(GeneralSubtree[]::new), null));
    }
  }

  private static FleetCa createCa(String fleetName, String subjectName, List<GeneralSubtree> permitted, Clock clock,
                                  SecureRandom random) {
    if (fleetName == null || fleetName.isBlank() || fleetName.length() > 64) {
      throw new IllegalArgumentException("fleet name must be 1 to 64 characters");
    }
    try {
      KeyPair pair = newKeyPair(random);
      X500Name subject = name(subjectName);
      Instant now = clock.instant();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(random),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_LIFETIME)), subject, pair.getPublic());
      // a constrained root only ever signs the CA under it; the fleet CA signs devices directly
      caExtensions(b, pair, permitted.isEmpty() ? 0 : 1, permitted);
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(pair.getPrivate())));
      return new FleetCa(cert, pair.getPrivate(), clock, random);
    } catch (Exception e) {
      throw new IllegalStateException("creating the " + subjectName + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean isAddress(String host) {
    return host.matches("[0-9.]+|.*:.*");
  }

  public X509Certificate certificate() {
    return certificate;
  }

  PrivateKey privateKey() {
    return key;
  }

  /** A client certificate whose CN is the post id, which brokers use as the MQTT username. */
  public IssuedCertificate issueClient(PostId post) {
    return issue(post.value(), List.of(), KeyPurposeId.id_kp_clientAuth);
  }

  /** The hub's server certificate, valid for the given DNS names and IP addresses. */
  public IssuedCertificate issueServer(String commonName, Collection<String> hostNames) {
    if (hostNames.isEmpty()) {
      throw new IllegalArgumentException("the hub certificate needs at least one host name or address");
    }
    return issue(commonName, List.copyOf(hostNames), KeyPurposeId.id_kp_serverAuth);
  }

  public X509CRL revocationList(Collection<String> revokedSerialsHex) {
    try {
      Instant now = clock.instant();
      X509v2CRLBuilder b = new X509v2CRLBuilder(
          org.bouncycastle.asn1.x500.X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
          Date.from(now));
      b.setNextUpdate(Date.from(now.plus(CRL_LIFETIME)));
      for (String serial : revokedSerialsHex) {
        b.addCRLEntry(new BigInteger(serial, 16), Date.from(now), CRLReason.cessationOfOperation);
      }
      b.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      return new JcaX509CRLConverter().getCRL(b.build(signer(key)));
    } catch (Exception e) {
      throw new IllegalStateException("signing the revocation list failed: " + e.getMessage(), e);
    }
  }

  private IssuedCertificate issue(String commonName, List<String> hostNames, KeyPurposeId purpose) {
    try {
      KeyPair pair = newKeyPair(random);
      Instant now = clock.instant();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(LEAF_LIFETIME)), name(commonName),
          pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      if (!hostNames.isEmpty()) {
        List<GeneralName> names = new ArrayList<>();
        for (String h : hostNames) {
          names.add(isAddress(h) ? new GeneralName(GeneralName.iPAddress, h)
              : new GeneralName(GeneralName.dNSName, h));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
      return new IssuedCertificate(cert, pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException("issuing a certificate for '" + commonName + "' failed: " + e.getMessage(), e);
    }
  }

  /**
   * The subject of the certificate this CA issues for {@code commonName}, as Java prints it
   * ({@code X509Certificate.getSubjectDN().getName()}, which Artemis's certificate login matches).
   */
  public static String subject(String commonName) {
    try {
      return new javax.security.auth.x500.X500Principal(name(commonName).getEncoded()).toString();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("no certificate subject for '" + commonName + "': " + e.getMessage(), e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Kuzet").addRDN(BCStyle.CN, commonName).build();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static ContentSigner signer(PrivateKey key) throws Exception {
    return new JcaContentSignerBuilder(SIGNATURE).build(key);
  }
}
