package kuzet.agent.link;

import java.nio.file.Files;
import java.nio.file.Path;
import kuzet.release.ReleaseBundle;

/**
 * The version announced in the Birth: the signed release this agent was installed from (its release.json beside the
 * jar), else the jar manifest's, else "dev" (run from classes).
 */
public final class AgentVersion {
  public static final String VALUE = version();

  private AgentVersion() {}

  private static String version() {
    try {
      var source = AgentVersion.class.getProtectionDomain().getCodeSource();
      Path jar = source == null ? null : Path.of(source.getLocation().toURI());
      if (jar != null && Files.isRegularFile(jar) && Files.exists(jar.resolveSibling(ReleaseBundle.MANIFEST))) {
        return ReleaseBundle.installed(jar.getParent()).version().value();
      }
    } catch (Exception e) {
      // not installed from a release: fall back to the manifest
    }
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
