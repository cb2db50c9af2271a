package kuzet.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and streams, as lower-case hex. */
public final class Digests {
  private Digests() {}

  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = digest();
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    }
  }

  /** Copies {@code in} to {@code out}, refusing more bytes than declared and a hash other than the manifest's. */
  static void check(InputStream in, ReleaseManifest.FileEntry f, OutputStream out) throws IOException, Refusal {
    MessageDigest d = digest();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > f.size()) {
        throw new Refusal(Refusal.Reason.TAMPERED, "file '" + f.path() + "' is larger than the signed " + f.size() + " bytes");
      }
      d.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    String got = HexFormat.of().formatHex(d.digest());
    if (total != f.size() || !got.equals(f.sha256())) {
      throw new Refusal(Refusal.Reason.TAMPERED, "file '" + f.path() + "' does not match the signed manifest (sha256 "
          + got.substring(0, 16) + "..., signed " + f.sha256().substring(0, 16) + "...)");
    }
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
