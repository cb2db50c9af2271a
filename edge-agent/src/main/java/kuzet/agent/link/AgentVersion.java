package kuzet.agent.link;

/** The version announced in the Birth, from the jar manifest when packaged. */
final class AgentVersion {
  static final String VALUE = version();

  private AgentVersion() {}

  private static String version() {
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
