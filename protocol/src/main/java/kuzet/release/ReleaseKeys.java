package kuzet.release;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The release key: an Ed25519 pair. The private half stays with whoever signs releases (never on the hub); posts get
 * the public half in their device bundle. Both are PEM ({@code PRIVATE KEY} PKCS#8, {@code PUBLIC KEY} SPKI).
 */
public final class ReleaseKeys {
  private ReleaseKeys() {}

  public static Ed25519PrivateKeyParameters generate(SecureRandom random) {
    return new Ed25519PrivateKeyParameters(random);
  }

  /** A short name of a public key, shown when a release is signed by a key the post does not trust. */
  public static String keyId(Ed25519PublicKeyParameters key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String privatePem(Ed25519PrivateKeyParameters key) {
    try {
      return pem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String publicPem(Ed25519PublicKeyParameters key) {
    try {
      return pem("PUBLIC KEY", SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Ed25519PrivateKeyParameters readPrivate(Path file) throws IOException {
    AsymmetricKeyParameter k = PrivateKeyFactory.createKey(read(file, "PRIVATE KEY"));
    if (k instanceof Ed25519PrivateKeyParameters ed) {
      return ed;
    }
    throw new IOException(file + " is not an Ed25519 private key");
  }

  public static Ed25519PublicKeyParameters readPublic(Path file) throws IOException {
    AsymmetricKeyParameter k = PublicKeyFactory.createKey(read(file, "PUBLIC KEY"));
    if (k instanceof Ed25519PublicKeyParameters ed) {
      return ed;
    }
    throw new IOException(file + " is not an Ed25519 public key");
  }

  private static byte[] read(Path file, String type) throws IOException {
    try (PemReader r = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      PemObject o = r.readPemObject();
      if (o == null || !o.getType().equals(type)) {
        throw new IOException(file + " holds no PEM '" + type + "'");
      }
      return o.getContent();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException(file + " is not a readable PEM " + type + ": " + e.getMessage(), e);
    }
  }

  private static String pem(String type, byte[] der) throws IOException {
    StringWriter s = new StringWriter();
    try (PemWriter w = new PemWriter(s)) {
      w.writeObject(new PemObject(type, der));
    }
    return s.toString();
  }
}
