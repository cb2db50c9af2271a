package kuzet.agent.update;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kuzet.release.ReleaseBundle;
import kuzet.release.ReleaseManifest;
import kuzet.release.ReleaseVersion;

/**
 * The install directory on a post ({@code /opt/kuzet}): each release in {@code versions/<version>/}, the link
 * {@code current} to the one systemd starts, the link {@code stable} to the last one that passed its trial, a
 * {@code trial.properties} while a new release is on trial, and {@code update-outcome.properties} left by the boot
 * guard for the agent to report. Links are switched by renaming a new link over the old, which is atomic.
 */
public record InstallLayout(Path root) {
  static final String TRIAL = "trial.properties";
  static final String OUTCOME = "update-outcome.properties";

  public Path versions() {
    return root.resolve("versions");
  }

  public Path version(ReleaseVersion v) {
    return versions().resolve(v.value());
  }

  public Path current() {
    return root.resolve("current");
  }

  public Path stable() {
    return root.resolve("stable");
  }

  Path downloads() {
    return root.resolve("downloads");
  }

  Path trialFile() {
    return root.resolve(TRIAL);
  }

  Path knownFaultsFile() {
    return root.resolve("known-faults.properties");
  }

  Path outcomeFile() {
    return root.resolve(OUTCOME);
  }

  /** The version a link points at, if the link exists. */
  public Optional<ReleaseVersion> versionOf(Path link) {
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      String name = Files.readSymbolicLink(link).getFileName().toString();
      return ReleaseVersion.valid(name) ? Optional.of(ReleaseVersion.of(name)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Points {@code link} at {@code versions/<v>} in one rename, so a power cut leaves the old or the new link. */
  public void point(Path link, ReleaseVersion v) throws IOException {
    Path tmp = root.resolve("." + link.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, root.relativize(version(v)));
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Installs a verified bundle as {@code versions/<v>}, replacing a half-written earlier attempt. */
  public void install(Path bundle, ReleaseManifest m) throws IOException, kuzet.release.Refusal {
    Path dir = version(m.version());
    Path tmp = versions().resolve("." + m.version().value() + ".new");
    Tree.delete(tmp);
    ReleaseBundle.extract(bundle, m, tmp);
    Tree.delete(dir);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * An installer's first install (or a manual one): verify the bundle against the release key, install it, and point
   * both {@code current} and {@code stable} at it. Returns the installed version.
   */
  public ReleaseVersion installTrusted(Path bundle, org.bouncycastle.crypto.params.Ed25519PublicKeyParameters key)
      throws IOException, kuzet.release.Refusal {
    ReleaseManifest m = ReleaseBundle.verify(bundle, key);
    Files.createDirectories(versions());
    install(bundle, m);
    point(current(), m.version());
    point(stable(), m.version());
    Files.deleteIfExists(trialFile());
    return m.version();
  }

  static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  static void write(Path file, Map<String, String> values) throws IOException {
    Properties p = new Properties();
    p.putAll(values);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "kuzet agent update");
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
