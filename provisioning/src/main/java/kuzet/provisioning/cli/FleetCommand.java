package kuzet.provisioning.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import kuzet.brokeraccount.HubAccount;
import kuzet.brokeraccount.FleetFiles;
import kuzet.provisioning.ca.FleetStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true, description = "The fleet's certificate authority.",
    subcommands = FleetCommand.Init.class, synopsisSubcommandLabel = "COMMAND")
final class FleetCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a fleet command is required: init");
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = {"Creates the fleet CA, the hub's server certificate and the hub's MQTT account.",
          "The hub's password is printed once; only its hash is stored. Private keys are never printed."})
  static final class Init implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Option(names = "--fleet-name", defaultValue = "Kuzet", description = "Name in the CA certificate (default: ${DEFAULT-VALUE}).")
    String fleetName;

    @Option(names = "--hub-host", paramLabel = "HOST", split = ",",
        description = "DNS names and IP addresses posts use to reach the hub (default: this machine's name, localhost, 127.0.0.1).")
    List<String> hubHosts;

    @Option(names = "--hub-username", defaultValue = HubAccount.DEFAULT_USERNAME,
        description = "The hub's MQTT username; must not look like a post id (default: ${DEFAULT-VALUE}).")
    String hubUsername;

    @Override
    public Integer call() throws Exception {
      KuzetProvision root = KuzetProvision.root(spec);
      FleetFiles files = locations.fleet();
      FleetStore.Initialised done = FleetStore.init(files, fleetName, hosts(), hubUsername, root.clock(), root.random());
      PrintWriter out = spec.commandLine().getOut();
      out.println("Fleet CA created in " + files.dir() + " (private keys readable by this user only).");
      out.println("Hub server certificate: " + files.hubCertificate() + ", key store for the embedded broker: "
          + files.hubKeyStore());
      out.println("Board HTTPS: http.tls.cert=" + files.webCertificate() + " and http.tls.key=" + files.webKey()
          + "; operators' browsers trust " + files.webRootCertificate() + " (valid only for " + hosts() + ").");
      out.println("Move " + files.caKey() + " off this server once posts are issued (see docs/security.md).");
      out.println("Hub MQTT account: " + done.hubAccount().username());
      out.println("Hub MQTT password (shown only now, only its hash is kept in " + files.hubAccount() + "):");
      out.println("  " + done.hubPassword());
      out.println("Give it to the hub's own MQTT client: KUZET_BROKER_USERNAME=" + done.hubAccount().username()
          + " and KUZET_BROKER_PASSWORD=<the password> in the hub's environment.");
      out.flush();
      return 0;
    }

    private List<String> hosts() {
      if (hubHosts != null && !hubHosts.isEmpty()) {
        for (String h : hubHosts) {
          if (h.isBlank() || !h.matches("[A-Za-z0-9.:_-]+")) {
            throw new IllegalArgumentException("--hub-host '" + h + "' is not a host name or IP address");
          }
        }
        return hubHosts;
      }
      Set<String> hosts = new LinkedHashSet<>();
      try {
        hosts.add(InetAddress.getLocalHost().getHostName());
      } catch (UnknownHostException e) {
        // a machine without a resolvable name still gets localhost
      }
      hosts.add("localhost");
      hosts.add("127.0.0.1");
      return List.copyOf(hosts);
    }
  }
}
