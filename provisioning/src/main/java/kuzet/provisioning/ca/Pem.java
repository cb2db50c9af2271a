package kuzet.provisioning.ca;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM files: certificates and CRLs world-readable, private keys (PKCS#8) readable by the owner only. */
public final class Pem {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private Pem() {}

  public static String encode(Object certOrCrl) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(certOrCrl);
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
    return out.toString();
  }

  public static String encodePrivateKey(PrivateKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding of a private key failed", e);
    }
    return out.toString();
  }

  public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
    Files.writeString(file, encode(cert), StandardCharsets.US_ASCII);
  }

  public static void writeCrl(Path file, X509CRL crl) throws IOException {
    Files.writeString(file, encode(crl), StandardCharsets.US_ASCII);
  }

  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    writeSecret(file, encodePrivateKey(key));
  }

  /** Writes a file that only its owner may read, restricting it before any secret byte lands in it. */
  public static void writeSecret(Path file, String content) throws IOException {
    if (Files.exists(file)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } else {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  public static X509Certificate readCertificate(Path file) {
    Object o = readObject(file);
    if (!(o instanceof X509CertificateHolder holder)) {
      throw new IllegalArgumentException(file + " does not hold a PEM certificate");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " holds an unreadable certificate: " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) {
    Object o = readObject(file);
    if (!(o instanceof PrivateKeyInfo info)) {
      throw new IllegalArgumentException(file + " does not hold a PKCS#8 PEM private key");
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " holds an unreadable private key: " + e.getMessage(), e);
    }
  }

  private static Object readObject(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (o == null) {
        throw new IllegalArgumentException(file + " holds no PEM object");
      }
      return o;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
