package kuzet.hub.auth;

import picocli.CommandLine.Command;

/** {@code hub operator}: the group for operator commands ({@code add}). */
@Command(name = "operator", mixinStandardHelpOptions = true, description = "Manage the people who may sign in to the board.",
    subcommands = CreateOperatorCommand.class)
public final class OperatorCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
