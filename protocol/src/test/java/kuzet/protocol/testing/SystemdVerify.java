package kuzet.protocol.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code systemd-analyze verify} on a shipped unit file. systemd ignores a line it cannot parse and
 * starts the service anyway (exit 0), so a unit with a misspelt hardening option would quietly run without
 * it; the verifier's warnings are the only sign, and the caller asserts there are none.
 */
public final class SystemdVerify {
  private SystemdVerify() {
  }

  /**
   * The verifier's output for the unit (empty when systemd accepts every line). {@code /usr/bin/java} in
   * ExecStart is pointed at the running JDK, so that the check does not depend on where Java lives here.
   */
  public static String warnings(Path unit, Path workDir) throws IOException, InterruptedException {
    Path tool = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path copy = workDir.resolve(unit.getFileName());
    Files.writeString(copy, Files.readString(unit, StandardCharsets.UTF_8).replace("/usr/bin/java", java));
    Process p = new ProcessBuilder(tool.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("systemd-analyze did not finish");
    }
    return (p.exitValue() == 0 ? "" : "exit " + p.exitValue() + "\n") + out.strip();
  }
}
