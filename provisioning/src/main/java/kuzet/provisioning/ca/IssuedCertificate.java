package kuzet.provisioning.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A certificate with its private key; the serial in the registry's lower-case hex form. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  public String serialHex() {
    return certificate.getSerialNumber().toString(16);
  }

  @Override
  public String toString() {
    // never let a key reach a log line
    return "IssuedCertificate[" + certificate.getSubjectX500Principal() + ", serial " + serialHex() + "]";
  }
}
