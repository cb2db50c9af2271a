package kuzet.agent.link;

import java.nio.file.Files;
import java.nio.file.Path;
import kuzet.release.ReleaseBundle;

/**
 * The version announced in the Birth: the signed release this agent was installed from (its release.json beside the
 * jar, or above it when the jar is one of the release's lib/ files), else the jar manifest's, else "dev" (run from classes).
 */
public final class AgentVersion {
  public static final String VALUE = version();

  private AgentVersion() {}

  private static String version() {
    try {
      var source = AgentVersion.class.getProtectionDomain().getCodeSource();
      Path jar = source == null ? null : Path.of(source.getLocation().toURI());
      // the release's directory holds the jar, or the jar is one of its lib/ files
      for (Path dir = jar == null || !Files.isRegularFile(jar) ? null : jar.getParent(); dir != null
          && dir.getNameCount() >= jar.getNameCount() - 2; dir = dir.getParent()) {
        if (Files.exists(dir.resolve(ReleaseBundle.MANIFEST))) {
          return ReleaseBundle.installed(dir).version().value();
        }
      }
    } catch (Exception e) {
      // not installed from a release: fall back to the manifest
    }
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
