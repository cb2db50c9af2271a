package kuzet.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseBundleTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir
  Path dir;
  private final Ed25519PrivateKeyParameters key = ReleaseKeys.generate(RANDOM);
  private Path bundle;

  @BeforeEach
  void signARelease() throws IOException {
    Path jar = Files.writeString(dir.resolve("agent.jar"), "the agent");
    Path lib = Files.writeString(dir.resolve("dep.jar"), "a dependency");
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("edge-agent.jar", jar);
    files.put("lib/dep.jar", lib);
    bundle = dir.resolve("1.2.0.kzb");
    ReleaseBundle.write(bundle, ReleaseVersion.of("1.2.0"), "edge-agent.jar", files, key, Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void aSignedBundleVerifiesAndExtractsEveryFileWithItsManifest() throws Exception {
    ReleaseManifest m = ReleaseBundle.verify(bundle, key.generatePublicKey());
    assertThat(m.version()).isEqualTo(ReleaseVersion.of("1.2.0"));
    ReleaseBundle.extract(bundle, m, dir.resolve("versions/1.2.0"));
    assertThat(Files.readString(dir.resolve("versions/1.2.0/lib/dep.jar"))).isEqualTo("a dependency");
    assertThat(ReleaseBundle.installed(dir.resolve("versions/1.2.0"))).isEqualTo(m);
  }

  @Test
  void aChangedFileIsRefusedAsTampered() throws Exception {
    rewrite((name, bytes) -> name.equals("files/lib/dep.jar") ? "a dependency!".getBytes(StandardCharsets.UTF_8) : bytes);
    assertRefused(Refusal.Reason.TAMPERED, "lib/dep.jar");
  }

  @Test
  void anAlteredManifestIsRefusedAsTampered() throws Exception {
    rewrite((name, bytes) -> name.equals(ReleaseBundle.MANIFEST)
        ? new String(bytes, StandardCharsets.UTF_8).replace("1.2.0", "9.9.9").getBytes(StandardCharsets.UTF_8) : bytes);
    assertRefused(Refusal.Reason.TAMPERED, "signature does not verify");
  }

  @Test
  void anAddedFileIsRefusedAsTampered() throws Exception {
    rewrite((name, bytes) -> bytes);
    try (ZipFile z = new ZipFile(bundle.toFile())) {
      assertThat(z.size()).isEqualTo(4);
    }
    Path copy = dir.resolve("extra.kzb");
    try (ZipFile z = new ZipFile(bundle.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        ZipEntry en = e.nextElement();
        out.putNextEntry(new ZipEntry(en.getName()));
        out.write(z.getInputStream(en).readAllBytes());
      }
      out.putNextEntry(new ZipEntry("files/lib/evil.jar"));
      out.write(1);
    }
    assertThatThrownBy(() -> ReleaseBundle.verify(copy, key.generatePublicKey())).isInstanceOf(Refusal.class)
        .hasMessageContaining("evil.jar").extracting(e -> ((Refusal) e).reason()).isEqualTo(Refusal.Reason.TAMPERED);
  }

  @Test
  void aBundleSignedByAnotherKeyIsRefusedNamingBothKeys() {
    var other = ReleaseKeys.generate(RANDOM).generatePublicKey();
    assertThatThrownBy(() -> ReleaseBundle.verify(bundle, other)).isInstanceOf(Refusal.class)
        .hasMessageContaining(ReleaseKeys.keyId(key.generatePublicKey())).hasMessageContaining(ReleaseKeys.keyId(other))
        .extracting(e -> ((Refusal) e).reason()).isEqualTo(Refusal.Reason.WRONG_KEY);
  }

  @Test
  void keysSurviveTheirPemFiles() throws Exception {
    Path priv = Files.writeString(dir.resolve("release.key"), ReleaseKeys.privatePem(key));
    Path pub = Files.writeString(dir.resolve("release.pub"), ReleaseKeys.publicPem(key.generatePublicKey()));
    assertThat(ReleaseKeys.readPrivate(priv).getEncoded()).isEqualTo(key.getEncoded());
    assertThat(ReleaseBundle.verify(bundle, ReleaseKeys.readPublic(pub)).mainJar()).isEqualTo("edge-agent.jar");
    assertThatThrownBy(() -> ReleaseKeys.readPublic(priv)).hasMessageContaining("PUBLIC KEY");
  }

  @Test
  void versionsCompareByNumberNotByText() {
    assertThat(ReleaseVersion.of("1.10.0").compareTo(ReleaseVersion.of("1.9.3"))).isPositive();
    assertThat(ReleaseVersion.of("1.2.0-rc1").olderThan(ReleaseVersion.of("1.2.0"))).isTrue();
    assertThat(ReleaseVersion.of("1.2").compareTo(ReleaseVersion.of("1.2.0"))).isZero();
    assertThatThrownBy(() -> ReleaseVersion.of("../1")).hasMessageContaining("not valid");
  }

  private void assertRefused(Refusal.Reason reason, String text) {
    assertThatThrownBy(() -> ReleaseBundle.verify(bundle, key.generatePublicKey())).isInstanceOf(Refusal.class)
        .hasMessageContaining(text).extracting(e -> ((Refusal) e).reason()).isEqualTo(reason);
  }

  /** Rewrites the bundle entry by entry, as someone with the file but not the key could. */
  private void rewrite(BiFunction<String, byte[], byte[]> change) throws IOException {
    Path copy = dir.resolve("copy.kzb");
    try (ZipFile z = new ZipFile(bundle.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        ZipEntry en = e.nextElement();
        out.putNextEntry(new ZipEntry(en.getName()));
        out.write(change.apply(en.getName(), z.getInputStream(en).readAllBytes()));
      }
    }
    Files.move(copy, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
