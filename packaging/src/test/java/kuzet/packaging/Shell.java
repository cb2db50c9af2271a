package kuzet.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's own tools (dpkg-deb, dpkg, lintian, sh) on the built packages. */
final class Shell {
  private Shell() {
  }

  /** What a command printed (stdout and stderr together) and how it ended. */
  record Result(int exit, String output) {
    Result orFail(List<String> command) {
      if (exit != 0) {
        throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + output);
      }
      return this;
    }
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), out);
  }

  static String ok(String... command) throws IOException, InterruptedException {
    return run(List.of(command)).orFail(List.of(command)).output();
  }

  /** The package built by this module's jdeb execution, e.g. {@code kuzet-hub_0.1.0~SNAPSHOT_all.deb}. */
  static Path deb(String name) throws IOException {
    Path dir = Path.of(System.getProperty("kuzet.deb.dir", "target/deb"));
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, name + "_*_all.deb")) {
      for (Path p : found) {
        return p;
      }
    }
    throw new AssertionError("no " + name + " package in " + dir.toAbsolutePath() + ": build with mvn package first");
  }
}
