package kuzet.provisioning.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;

/** One run of the CLI in-process, with its exit code and both streams. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = KuzetProvision.commandLine(Clock.systemUTC(), new SecureRandom(), new PrintWriter(out),
        new PrintWriter(err)).execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
