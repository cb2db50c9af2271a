package kuzet.hub;

import java.lang.management.ManagementFactory;

/** The "hub" that {@link StartScriptTest} starts through kuzet-hub-start: says it ran and with which JVM options. */
public final class StartScriptProbe {
  private StartScriptProbe() {
  }

  public static void main(String[] args) {
    System.out.println("probe ran with " + String.join(" ", args) + "; JVM options "
        + ManagementFactory.getRuntimeMXBean().getInputArguments());
  }
}
