package kuzet.protocol.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The start of the command line of a JVM that a test runs as a separate process (a hub, an agent). The test build
 * passes {@code kuzet.test.jvmFlags} (the parent pom's {@code test.jvmFlags}): on a 2-core machine running several
 * test JVMs at once, the C2 compiler's threads and a parallel collector cost more CPU in a process that lives for
 * seconds than they ever win back. A benchmark run (exec plugin, no such property) starts its processes as they run
 * in production.
 */
public final class ChildJvm {
  private ChildJvm() {
  }

  /** {@code java}, the test build's flags for child JVMs, then {@code jvmArgs}. */
  public static List<String> command(String... jvmArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags());
    cmd.addAll(Arrays.asList(jvmArgs));
    return cmd;
  }

  static List<String> flags() {
    String flags = System.getProperty("kuzet.test.jvmFlags", "").strip();
    return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
  }
}
