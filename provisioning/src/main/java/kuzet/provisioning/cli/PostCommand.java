package kuzet.provisioning.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import kuzet.registry.PostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import kuzet.provisioning.ca.FleetCa;
import kuzet.provisioning.ca.FleetStore;
import kuzet.provisioning.post.NewPost;
import kuzet.provisioning.post.PostProvisioner;
import kuzet.provisioning.post.ProvisionedPost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "post", mixinStandardHelpOptions = true, description = "Adds or retires one post.",
    subcommands = {PostCommand.Add.class, PostCommand.Revoke.class}, synopsisSubcommandLabel = "COMMAND")
final class PostCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a post command is required: add or revoke");
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Registers a post, issues its credentials and writes its device bundle.",
          "The MQTT password is printed once and kept in the bundle; the registry keeps only its hash."})
  static final class Add implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    BundleOptions bundle;

    @Option(names = "--id", required = true, description = "Post id: 3-64 lower-case letters, digits, hyphens.")
    String id;

    @Option(names = "--type", required = true, paramLabel = "modular-post|district-point", description = "Kind of post.")
    String type;

    @Option(names = "--name", required = true, description = "Name shown on the board.")
    String name;

    @Option(names = "--district", required = true, description = "District the post belongs to.")
    String district;

    @Option(names = "--lat", required = true, description = "Latitude, -90..90.")
    double lat;

    @Option(names = "--lon", required = true, description = "Longitude, -180..180.")
    double lon;

    @Override
    public Integer call() throws Exception {
      NewPost post = new NewPost(new PostId(id), PostType.fromId(type), name, district, lat, lon);
      KuzetProvision root = KuzetProvision.root(spec);
      FleetCa ca = FleetStore.open(locations.fleet(), root.clock(), root.random());
      try (PostRegistry registry = locations.openRegistry()) {
        ProvisionedPost done = new PostProvisioner(registry, ca, bundle.settings(locations.fleet()), root.clock(), root.random())
            .add(post, bundle.bundlesDir);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Registered post " + done.post().id() + " (" + done.post().type().id() + ", "
            + done.post().district() + ").");
        out.println("Device bundle: " + done.bundle() + " (copy it to the Pi, then delete it here).");
        if (done.password() != null) {
          out.println("MQTT password for " + done.post().id() + " (shown only now, also in the bundle):");
          out.println("  " + done.password());
        }
        out.println("Run 'kuzet-provision broker export' again if the hub uses an external Mosquitto.");
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = {"Retires a post: its password stops working, its certificate is revoked and the hub refuses it.",
          "With an external Mosquitto, run 'broker export' and reload the broker afterwards."})
  static final class Revoke implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Option(names = "--id", required = true, description = "The post to retire.")
    String id;

    @Override
    public Integer call() {
      PostId postId = new PostId(id);
      KuzetProvision root = KuzetProvision.root(spec);
      try (PostRegistry registry = locations.openRegistry()) {
        RegisteredPost p = PostProvisioner.revoke(registry, postId, root.clock().instant());
        spec.commandLine().getOut().println("Revoked post " + p.id() + " at " + p.revokedAt()
            + (p.certificateSerial() == null ? "" : "; certificate serial " + p.certificateSerial() + " is revoked")
            + ". Re-export the Mosquitto files and reload the broker.");
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
