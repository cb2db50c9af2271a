package kuzet.provisioning.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kuzet.brokeraccount.HubAccount;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.provisioning.artemis.ArtemisExport;
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

@Command(name = "broker", mixinStandardHelpOptions = true, description = "Rules for an external MQTT broker (Mosquitto or Apache ActiveMQ Artemis).",
    subcommands = BrokerCommand.Export.class, synopsisSubcommandLabel = "COMMAND")
final class BrokerCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a broker command is required: export");
  }

  @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
          "Writes the broker's lock-down from the registry: each post may publish only its own status, telemetry, "
              + "events and command acks and read only its own commands and config and the hub's presence; the hub "
              + "reads everything under the topic root and sends commands, config, its presence and its probe. Run it "
              + "after every post add, import or revoke.",
          "mosquitto (the default): password files, acl_file, crl.pem and kuzet.conf (the hub's listener, the posts' "
              + "password listener and the client-certificate listener); then reload Mosquitto.",
          "artemis: kuzet-users.properties, kuzet-roles.properties and login.config for the instance's etc/, "
              + "kuzet-artemis-codec.jar and kuzet-artemis-plugin.jar for its lib/, kuzet-security-settings.xml and "
              + "kuzet-broker-plugins.xml to include in broker.xml (docs/scale-out.md). The plugin lets each post "
              + "connect only with its id as client id. For posts with a certificate: kuzet-cert-users.properties, "
              + "ca.pem, crl.pem and kuzet-broker.pem for etc/ and kuzet-acceptor.xml to paste into <acceptors>."})
  static final class Export implements Callable<Integer> {
    static final List<String> BROKERS = List.of("mosquitto", "artemis");
    private static final List<String> MOSQUITTO_ONLY = List.of("--hub-port", "--password-port");

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Option(names = "--broker", defaultValue = "mosquitto", paramLabel = "NAME",
        description = "mosquitto or artemis (default: ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = {"--dir", "--mosquitto"}, paramLabel = "DIR",
        description = "Directory for the files (required; --mosquitto DIR is its older name, for Mosquitto only).")
    Path dir;

    @Option(names = "--hub-port", defaultValue = "1883", description = "Mosquitto: port of the hub's own listener on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int hubPort;

    @Option(names = "--password-port", defaultValue = "1884", description = "Mosquitto: port of the posts' password listener, 0 for none (default: ${DEFAULT-VALUE}).")
    int passwordPort;

    @Option(names = "--tls-port", defaultValue = "8883", description = "Port of the client-certificate listener (Mosquitto) or acceptor (Artemis) (default: ${DEFAULT-VALUE}).")
    int tlsPort;

    @Option(names = "--topic-root", defaultValue = Topics.DEFAULT_ROOT, description = "MQTT topic root (default: ${DEFAULT-VALUE}).")
    String topicRoot;

    @Override
    public Integer call() throws Exception {
      if (!BROKERS.contains(broker)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "unknown broker '" + broker + "' for --broker: use one of " + String.join(", ", BROKERS));
      }
      if (dir == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing --dir DIR: where to write the files");
      }
      return broker.equals("artemis") ? artemis() : mosquitto();
    }

    private int mosquitto() throws Exception {
      KuzetProvision root = KuzetProvision.root(spec);
      MosquittoExport.Ports ports = new MosquittoExport.Ports(hubPort, passwordPort, tlsPort);
      FleetFiles fleet = locations.fleet();
      FleetCa ca = FleetStore.open(fleet, root.clock(), root.random());
      HubAccount hub = HubAccount.read(fleet.hubAccount());
      try (PostRegistry registry = locations.openRegistry()) {
        var posts = registry.all();
        new MosquittoExport(new Topics(topicRoot)).write(dir, posts, hub, ca, fleet, ports);
        say("Wrote Mosquitto files to " + dir + ": " + counts(posts) + ". Include "
            + dir.resolve(MosquittoExport.CONF_FILE) + " from mosquitto.conf and reload Mosquitto.");
      }
      return 0;
    }

    private int artemis() throws Exception {
      KuzetProvision root = KuzetProvision.root(spec);
      CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
      for (String option : MOSQUITTO_ONLY) {
        if (parsed.hasMatchedOption(option)) {
          throw new CommandLine.ParameterException(spec.commandLine(), option
              + " is for Mosquitto's listeners; Artemis's acceptors are set in its broker.xml");
        }
      }
      if (parsed.originalArgs().stream().anyMatch(a -> a.equals("--mosquitto") || a.startsWith("--mosquitto="))) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--mosquitto DIR is for Mosquitto; use --dir DIR");
      }
      FleetFiles fleet = locations.fleet();
      if (!Files.exists(fleet.hubAccount())) {
        throw new IllegalArgumentException("no fleet in " + fleet.dir() + " (no hub-account file): run"
            + " 'kuzet-provision fleet init' first or point --data-dir or --fleet-dir at it");
      }
      HubAccount hub = HubAccount.read(fleet.hubAccount());
      FleetCa ca = FleetStore.open(fleet, root.clock(), root.random());
      try (PostRegistry registry = locations.openRegistry()) {
        var posts = registry.all();
        new ArtemisExport(new Topics(topicRoot), tlsPort).write(dir, posts, hub, ca, fleet);
        say("Wrote Artemis files to " + dir + ": " + counts(posts) + ". Copy " + ArtemisExport.USERS_FILE + ", "
            + ArtemisExport.ROLES_FILE + " and " + ArtemisExport.LOGIN_CONFIG + " to the instance's etc/, "
            + ArtemisExport.CODEC_JAR + " and " + ArtemisExport.PLUGIN_JAR + " to its lib/, include "
            + ArtemisExport.SECURITY_SETTINGS + " in broker.xml in place of <security-settings> and "
            + ArtemisExport.PLUGINS + " beside it; for posts with a certificate also copy "
            + ArtemisExport.CERT_USERS_FILE + ", " + ArtemisExport.CA_FILE + ", " + ArtemisExport.CRL_FILE + " and "
            + ArtemisExport.KEY_STORE + " to etc/ and paste " + ArtemisExport.ACCEPTOR
            + " into <acceptors> (docs/scale-out.md).");
      }
      return 0;
    }

    private static String counts(List<RegisteredPost> posts) {
      long active = posts.stream().filter(RegisteredPost::active).count();
      return active + " active post(s), " + (posts.size() - active) + " revoked";
    }

    private void say(String line) {
      spec.commandLine().getOut().println(line);
      spec.commandLine().getOut().flush();
    }
  }
}
