package kuzet.provisioning.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The installer's CLI: {@code kuzet-provision fleet init | post add | post revoke | posts import | broker export | release keygen | release sign}. */
@Command(name = "kuzet-provision", mixinStandardHelpOptions = true, version = "kuzet-provision 0.1",
    description = "Sets up a Kuzet fleet: certificate authority, post registration and credentials, broker rules.",
    subcommands = {FleetCommand.class, PostCommand.class, PostsCommand.class, BrokerCommand.class, ReleaseCommand.class},
    synopsisSubcommandLabel = "COMMAND")
public final class KuzetProvision implements Runnable {
  static final int FAILED = 1;

  private final Clock clock;
  private final SecureRandom random;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public KuzetProvision(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  Clock clock() {
    return clock;
  }

  SecureRandom random() {
    return random;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** A command line with this CLI's error handling: a domain error prints one clear line, no stack trace. */
  public static CommandLine commandLine(Clock clock, SecureRandom random, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new KuzetProvision(clock, random));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("error: " + e.getMessage());
      line.getErr().flush();
      return FAILED;
    });
    return cl;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(Clock.systemUTC(), new SecureRandom(), out, err).execute(args));
  }

  static KuzetProvision root(CommandLine.Model.CommandSpec spec) {
    return (KuzetProvision) spec.root().userObject();
  }
}
