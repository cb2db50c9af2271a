package kuzet.hub.auth;

import picocli.CommandLine.Command;

/** {@code hub operator}: the group for operator commands; the hub main adds {@link CreateOperatorCommand} as "add". */
@Command(name = "operator", mixinStandardHelpOptions = true, description = "Manage the people who may sign in to the board.")
public final class OperatorCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
