package kuzet.provisioning.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import kuzet.provisioning.cli.KuzetProvision;

/**
 * Agent releases for tests, signed with the real CLI: the agent already built by this build behind a launcher jar whose
 * Class-Path names the rest, any version number, and a broken release whose main class does not exist (java exits 1).
 * The agent's own code (edge-agent and protocol) travels in the release under lib/; its third-party jars (26 MB, mostly
 * sqlite-jdbc's natives and BouncyCastle) are named by absolute URL where the build keeps them, so three agents can
 * update in seconds on a shared machine. Releases with every library inside are what ReleaseBundleTest and
 * 'release sign --lib' cover.
 */
final class AgentReleases {
  /** The agent's runtime libraries, by artifact name prefix (the test class path holds the hub's too). */
  private static final List<String> AGENT_LIBS = List.of("org.eclipse.paho.mqttv5.client-", "pi4j-", "commons-suncalc-",
      "sqlite-jdbc-", "picocli-", "slf4j-api-", "jackson-databind-", "jackson-core-", "jackson-annotations-",
      "jackson-datatype-jsr310-", "bcprov-jdk18on-");
  private final Path dir;
  private final Path launcher;
  private final List<Path> libs = new ArrayList<>();
  private final List<Path> shared = new ArrayList<>();

  AgentReleases(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (entry.replace('\\', '/').matches(".*/(edge-agent|protocol)/target/classes/?")) {
        libs.add(pack(p, dir.resolve(p.getParent().getParent().getFileName() + "-classes.jar")));
      } else if (name.matches("(edge-agent|protocol)-[0-9].*\\.jar") && !name.endsWith("-tests.jar")) {
        // the modules' test jars (the Artemis and Mosquitto harnesses) are no part of a release
        libs.add(p);
      } else if (AGENT_LIBS.stream().anyMatch(name::startsWith)) {
        shared.add(p.toAbsolutePath());
        if (name.startsWith("slf4j-api-")) {
          // the agent's own binding; this module's test class path has the hub's logback instead
          String simple = name.replace("slf4j-api-", "slf4j-simple-");
          shared.add(p.toAbsolutePath().getParent().getParent().getParent().resolve("slf4j-simple")
              .resolve(p.getParent().getFileName()).resolve(simple));
        }
      }
    }
    assertThat(libs).as("the agent's own classes on the class path").hasSize(2);
    assertThat(shared).as("the agent's libraries on the class path").hasSizeGreaterThan(10);
    List<String> classPath = new ArrayList<>(libs.stream().map(p -> "lib/" + p.getFileName()).toList());
    shared.forEach(p -> classPath.add(p.toUri().toString()));
    this.launcher = launcher("kuzet.agent.cli.AgentMain", classPath, dir.resolve("edge-agent.jar"));
  }

  /** A working release of this agent, signed with {@code key}. */
  Path release(String version, Path key) {
    Path out = dir.resolve(version + "-" + key.getParent().getFileName() + ".kzb");
    List<String> args = new ArrayList<>(List.of("release", "sign", "--key", key.toString(), "--version", version,
        "--jar", launcher.toString(), "--out", out.toString()));
    libs.forEach(l -> args.addAll(List.of("--lib", l.toString())));
    cli(args.toArray(String[]::new));
    return out;
  }

  /** A release that installs cleanly and cannot start: its jar names a main class it does not have. */
  Path broken(String version, Path key) throws IOException {
    Path jar = launcher("kuzet.broken.NoSuchMain", List.of(), dir.resolve("broken-" + version + ".jar"));
    Path out = dir.resolve(version + "-broken.kzb");
    cli("release", "sign", "--key", key.toString(), "--version", version, "--jar", jar.toString(), "--out", out.toString());
    return out;
  }

  /** Changes the jar inside a signed bundle, keeping its manifest and signature: what an attacker without the key can do. */
  static void alter(Path bundle) throws IOException {
    Path copy = bundle.resolveSibling(bundle.getFileName() + ".altered");
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(bundle.toFile());
         java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(copy))) {
      for (var e = z.entries(); e.hasMoreElements(); ) {
        var en = e.nextElement();
        byte[] bytes = z.getInputStream(en).readAllBytes();
        if (en.getName().endsWith(".jar")) {
          bytes[bytes.length / 2] ^= 1;
        }
        out.putNextEntry(new java.util.zip.ZipEntry(en.getName()));
        out.write(bytes);
      }
    }
    Files.move(copy, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KuzetProvision.commandLine(Clock.systemUTC(), new SecureRandom(), new PrintWriter(out),
        new PrintWriter(err)).execute(args);
    assertThat(code).as("exit code of %s, stderr: %s", List.of(args), err).isZero();
    return out.toString();
  }

  private static Path launcher(String mainClass, List<String> classPath, Path out) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    if (!classPath.isEmpty()) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    }
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), m)) {
      jar.putNextEntry(new JarEntry("kuzet-release.txt"));
      jar.write(mainClass.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Path pack(Path classes, Path out) throws IOException {
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out)); Stream<Path> all = Files.walk(classes)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, jar);
      }
    }
    return out;
  }
}
