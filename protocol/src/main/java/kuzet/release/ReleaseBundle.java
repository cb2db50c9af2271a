package kuzet.release;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import kuzet.release.Refusal.Reason;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A release as one file: a zip of {@code release.json} (the {@link ReleaseManifest}), {@code release.sig} (the
 * signing key's id and the Ed25519 signature of release.json's exact bytes) and the release's files under
 * {@code files/}. {@link #verify} checks all of it without writing anything; {@link #extract} writes only a verified
 * release, re-hashing as it copies.
 */
public final class ReleaseBundle {
  public static final String MANIFEST = "release.json";
  public static final String SIGNATURE = "release.sig";
  static final String FILES = "files/";
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private ReleaseBundle() {}

  /** Signs and writes a bundle of {@code files} (path in the release to the file on disk). */
  public static ReleaseManifest write(Path out, ReleaseVersion version, String mainJar, Map<String, Path> files,
      Ed25519PrivateKeyParameters key, Instant at) throws IOException {
    List<ReleaseManifest.FileEntry> entries = new ArrayList<>();
    for (var f : files.entrySet()) {
      entries.add(new ReleaseManifest.FileEntry(f.getKey(), Files.size(f.getValue()), Digests.sha256(f.getValue())));
    }
    ReleaseManifest manifest = new ReleaseManifest(version, at, mainJar, entries);
    byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(json, 0, json.length);
    String sig = ReleaseKeys.keyId(key.generatePublicKey()) + "\n"
        + Base64.getEncoder().encodeToString(signer.generateSignature()) + "\n";
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
      put(zip, MANIFEST, json);
      put(zip, SIGNATURE, sig.getBytes(StandardCharsets.US_ASCII));
      for (var f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(FILES + f.getKey()));
        Files.copy(f.getValue(), zip);
        zip.closeEntry();
      }
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return manifest;
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  /** The manifest, unchecked: for the hub, which serves releases but does not need to trust them. */
  public static ReleaseManifest peek(Path bundle) throws Refusal {
    try (ZipFile zip = open(bundle)) {
      return manifest(zip, bytes(zip, MANIFEST));
    } catch (IOException e) {
      throw new Refusal(Reason.TAMPERED, "cannot read release bundle: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the signature against {@code trusted} and every file against the manifest; writes nothing. Refuses
   * with WRONG_KEY (signed by another key) or TAMPERED (anything altered, missing or added).
   */
  public static ReleaseManifest verify(Path bundle, Ed25519PublicKeyParameters trusted) throws Refusal {
    try (ZipFile zip = open(bundle)) {
      byte[] json = bytes(zip, MANIFEST);
      checkSignature(new String(bytes(zip, SIGNATURE), StandardCharsets.US_ASCII), json, trusted);
      ReleaseManifest m = manifest(zip, json);
      Map<String, ReleaseManifest.FileEntry> listed = new HashMap<>();
      m.files().forEach(f -> listed.put(FILES + f.path(), f));
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (!name.equals(MANIFEST) && !name.equals(SIGNATURE) && !listed.containsKey(name)) {
          throw new Refusal(Reason.TAMPERED, "the bundle holds '" + name + "', which the signed manifest does not list");
        }
      }
      for (var f : m.files()) {
        try (InputStream in = entry(zip, FILES + f.path())) {
          Digests.check(in, f, OutputStream.nullOutputStream());
        }
      }
      return m;
    } catch (IOException e) {
      throw new Refusal(Reason.TAMPERED, "cannot read release bundle: " + e.getMessage(), e);
    }
  }

  /** Writes a verified release's files into {@code dir} (created; must not exist), checking each hash again. */
  public static void extract(Path bundle, ReleaseManifest m, Path dir) throws IOException, Refusal {
    Files.createDirectories(dir);
    try (ZipFile zip = open(bundle)) {
      for (var f : m.files()) {
        Path target = dir.resolve(f.path()).normalize();
        if (!target.startsWith(dir)) {
          throw new Refusal(Reason.TAMPERED, "file '" + f.path() + "' would land outside the version directory");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = entry(zip, FILES + f.path()); OutputStream out = Files.newOutputStream(target)) {
          Digests.check(in, f, out);
        }
      }
      Files.write(dir.resolve(MANIFEST), bytes(zip, MANIFEST));
    }
  }

  /** The manifest of an installed version's directory. */
  public static ReleaseManifest installed(Path versionDir) throws IOException {
    return JSON.readValue(versionDir.resolve(MANIFEST).toFile(), ReleaseManifest.class);
  }

  private static void checkSignature(String sig, byte[] json, Ed25519PublicKeyParameters trusted) throws Refusal {
    String[] lines = sig.strip().split("\n");
    if (lines.length != 2) {
      throw new Refusal(Reason.TAMPERED, "release.sig is not a key id and a signature");
    }
    String ours = ReleaseKeys.keyId(trusted);
    if (!lines[0].strip().equals(ours)) {
      throw new Refusal(Reason.WRONG_KEY, "signed by release key " + clip(lines[0].strip()) + "; this post trusts only "
          + ours);
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(lines[1].strip());
    } catch (IllegalArgumentException e) {
      throw new Refusal(Reason.TAMPERED, "release.sig's signature is not base64");
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, trusted);
    verifier.update(json, 0, json.length);
    if (!verifier.verifySignature(signature)) {
      throw new Refusal(Reason.TAMPERED, "the manifest's signature does not verify with release key " + ours
          + ": the manifest was altered");
    }
  }

  private static ReleaseManifest manifest(ZipFile zip, byte[] json) throws Refusal {
    try {
      return JSON.readValue(json, ReleaseManifest.class);
    } catch (IOException e) {
      throw new Refusal(Reason.TAMPERED, "release.json is not a valid manifest: " + clip(e.getMessage()));
    }
  }

  private static ZipFile open(Path bundle) throws Refusal {
    try {
      return new ZipFile(bundle.toFile());
    } catch (IOException e) {
      throw new Refusal(Reason.TAMPERED, "not a readable release bundle: " + e.getMessage(), e);
    }
  }

  private static InputStream entry(ZipFile zip, String name) throws IOException, Refusal {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      throw new Refusal(Reason.TAMPERED, "the bundle has no '" + name + "'");
    }
    return zip.getInputStream(e);
  }

  private static byte[] bytes(ZipFile zip, String name) throws IOException, Refusal {
    try (InputStream in = entry(zip, name)) {
      byte[] b = in.readNBytes(1024 * 1024 + 1);
      if (b.length > 1024 * 1024) {
        throw new Refusal(Reason.TAMPERED, name + " is over 1 MiB");
      }
      return b;
    }
  }

  private static String clip(String s) {
    return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
