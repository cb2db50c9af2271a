package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit's ExecStart, kuzet-hub-start, with the production JVM flags and a stand-in for hub.jar: it writes the
 * class-data archive on a start without one, uses it on the next, and a damaged or stale archive never stops it.
 */
class StartScriptTest {
  private static final Path SCRIPT = Path.of("packaging/kuzet-hub-start");

  @TempDir
  Path dir;

  @Test
  void writesTheArchiveThenUsesItAndReplacesADamagedOrStaleOne() throws Exception {
    Path jar = probeJar(dir.resolve("hub.jar"));
    Path archive = dir.resolve("hub.jsa");

    assertThat(start(archive)).contains("probe ran with run --config x", "-XX:ArchiveClassesAtExit=" + archive);
    assertThat(archive).isNotEmptyFile();

    assertThat(start(archive)).contains("probe ran", "-XX:SharedArchiveFile=" + archive);

    // a hub killed while writing it leaves a truncated archive, on which Java 17 crashes (SIGBUS)
    byte[] head = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(archive)) {
      assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
    }
    Files.delete(archive);
    Files.write(archive, head);
    assertThat(start(archive)).contains("probe ran", "-XX:ArchiveClassesAtExit=" + archive);
    assertThat(Files.size(archive)).isGreaterThan(head.length);

    // an upgrade: a new hub.jar, which the archive's classes do not belong to
    probeJar(jar);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(start(archive)).contains("probe ran", "-XX:ArchiveClassesAtExit=" + archive);
    assertThat(start(archive)).contains("probe ran", "-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void startsWithTheProductionFlagsAndNoArchiveWhenItsDirectoryCannotHoldOne() throws Exception {
    probeJar(dir.resolve("hub.jar"));
    String out = start(dir.resolve("missing-dir/hub.jsa"));
    assertThat(out).contains("probe ran", "-Xmx320m", "-XX:MaxDirectMemorySize=48m", "-Xshare:auto")
        .doesNotContain("ArchiveClassesAtExit");
  }

  private String start(Path archive) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), "run", "--config", "x").redirectErrorStream(true);
    pb.environment().putAll(Map.of(
        "KUZET_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "KUZET_HUB_JAR", dir.resolve("hub.jar").toString(),
        "KUZET_HUB_JVM_FLAGS", Path.of("packaging/hub-jvm.flags").toAbsolutePath().toString(),
        "KUZET_HUB_CDS_ARCHIVE", archive.toString()));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private static Path probeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StartScriptProbe.class.getName());
    String entry = StartScriptProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
         InputStream probe = StartScriptProbe.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      probe.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
