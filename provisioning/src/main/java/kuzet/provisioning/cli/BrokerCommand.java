package kuzet.provisioning.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kuzet.brokeraccount.HubAccount;
import kuzet.registry.PostRegistry;
import kuzet.protocol.Topics;
import kuzet.provisioning.ca.FleetCa;
import kuzet.brokeraccount.FleetFiles;
import kuzet.provisioning.ca.FleetStore;
import kuzet.provisioning.mosquitto.MosquittoExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "broker", mixinStandardHelpOptions = true, description = "Rules for an external MQTT broker.",
    subcommands = BrokerCommand.Export.class, synopsisSubcommandLabel = "COMMAND")
final class BrokerCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a broker command is required: export");
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Writes Mosquitto 2.0's password files, acl_file, crl.pem and kuzet.conf (the hub's, the posts' password and",
          "the client-certificate listeners) from the registry. Run it after every post add, import or revoke, then reload Mosquitto."})
  static final class Export implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Option(names = "--mosquitto", required = true, paramLabel = "DIR", description = "Directory for the files.")
    Path dir;

    @Option(names = "--hub-port", defaultValue = "1883", description = "Port of the hub's own listener on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int hubPort;

    @Option(names = "--password-port", defaultValue = "1884", description = "Port of the posts' password listener, 0 for none (default: ${DEFAULT-VALUE}).")
    int passwordPort;

    @Option(names = "--tls-port", defaultValue = "8883", description = "Port of the client-certificate listener (default: ${DEFAULT-VALUE}).")
    int tlsPort;

    @Option(names = "--topic-root", defaultValue = Topics.DEFAULT_ROOT, description = "MQTT topic root (default: ${DEFAULT-VALUE}).")
    String topicRoot;

    @Override
    public Integer call() throws Exception {
      KuzetProvision root = KuzetProvision.root(spec);
      MosquittoExport.Ports ports = new MosquittoExport.Ports(hubPort, passwordPort, tlsPort);
      FleetFiles fleet = locations.fleet();
      FleetCa ca = FleetStore.open(fleet, root.clock(), root.random());
      HubAccount hub = HubAccount.read(fleet.hubAccount());
      try (PostRegistry registry = locations.openRegistry()) {
        var posts = registry.all();
        new MosquittoExport(new Topics(topicRoot)).write(dir, posts, hub, ca, fleet, ports);
        long active = posts.stream().filter(p -> p.active()).count();
        spec.commandLine().getOut().println("Wrote Mosquitto files to " + dir + ": " + active + " active post(s), "
            + (posts.size() - active) + " revoked. Include " + dir.resolve(MosquittoExport.CONF_FILE)
            + " from mosquitto.conf and reload Mosquitto.");
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
