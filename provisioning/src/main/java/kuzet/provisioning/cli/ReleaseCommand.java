package kuzet.provisioning.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kuzet.provisioning.ca.Pem;
import kuzet.release.ReleaseBundle;
import kuzet.release.ReleaseKeys;
import kuzet.release.ReleaseManifest;
import kuzet.release.ReleaseVersion;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The release key and signed agent releases. Run this on the machine that builds releases, never on the hub: the hub
 * only serves bundles, and posts trust nothing but this key's signature.
 */
@Command(name = "release", mixinStandardHelpOptions = true, description = "Release key and signed agent releases.",
    subcommands = {ReleaseCommand.Keygen.class, ReleaseCommand.Sign.class}, synopsisSubcommandLabel = "COMMAND")
final class ReleaseCommand implements Runnable {
  /** The name of the agent's jar inside every release. */
  static final String MAIN_JAR = "edge-agent.jar";

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a release command is required: keygen or sign");
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = {"Creates the release key pair: release.key (private, owner-only) and release.pub.",
          "Give release.pub to 'post add --release-key'; keep release.key offline, never on the hub."})
  static final class Keygen implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the two files.")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path priv = out.resolve("release.key");
      if (Files.exists(priv)) {
        throw new IllegalStateException(priv + " already exists: a second release key would lock out every post "
            + "that trusts the first");
      }
      Files.createDirectories(out);
      Ed25519PrivateKeyParameters key = ReleaseKeys.generate(KuzetProvision.root(spec).random());
      Pem.writeSecret(priv, ReleaseKeys.privatePem(key));
      Files.writeString(out.resolve("release.pub"), ReleaseKeys.publicPem(key.generatePublicKey()));
      PrintWriter o = spec.commandLine().getOut();
      o.println("Release key " + ReleaseKeys.keyId(key.generatePublicKey()) + ": private " + priv + " (keep offline),"
          + " public " + out.resolve("release.pub") + " (for post add --release-key).");
      o.flush();
      return 0;
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Signs an agent release: the agent jar, its libraries and its version, in one bundle.")
  static final class Sign implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "release.key from 'release keygen'.")
    Path key;

    @Option(names = "--version", required = true, description = "The release's version, e.g. 1.4.0.")
    String version;

    @Option(names = "--jar", required = true, paramLabel = "FILE", description = "The agent jar (runs as " + MAIN_JAR + ").")
    Path jar;

    @Option(names = "--lib", paramLabel = "FILE", description = "A library the jar's Class-Path names (lib/NAME); repeatable.")
    List<Path> libs = List.of();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle to write (.kzb).")
    Path out;

    @Override
    public Integer call() throws Exception {
      Map<String, Path> files = new LinkedHashMap<>();
      files.put(MAIN_JAR, jar);
      for (Path lib : libs) {
        if (files.put("lib/" + lib.getFileName(), lib) != null) {
          throw new IllegalArgumentException("two libraries are named " + lib.getFileName());
        }
      }
      ReleaseManifest m = ReleaseBundle.write(out, ReleaseVersion.of(version), MAIN_JAR, files,
          ReleaseKeys.readPrivate(key), KuzetProvision.root(spec).clock().instant());
      PrintWriter o = spec.commandLine().getOut();
      o.println("Signed release " + m.version() + " (" + m.files().size() + " files) with key "
          + ReleaseKeys.keyId(ReleaseKeys.readPrivate(key).generatePublicKey()) + ": " + out);
      o.flush();
      return 0;
    }
  }
}
