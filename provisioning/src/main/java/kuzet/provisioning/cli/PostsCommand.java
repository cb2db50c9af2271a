package kuzet.provisioning.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kuzet.registry.PostRegistry;
import kuzet.provisioning.ca.FleetCa;
import kuzet.provisioning.ca.FleetStore;
import kuzet.provisioning.importer.CsvPosts;
import kuzet.provisioning.importer.RowProblem;
import kuzet.provisioning.post.PostProvisioner;
import kuzet.provisioning.post.ProvisionedPost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "posts", mixinStandardHelpOptions = true, description = "Works on many posts at once.",
    subcommands = PostsCommand.Import.class, synopsisSubcommandLabel = "COMMAND")
final class PostsCommand implements Runnable {
  static final int BAD_ROWS = 3;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a posts command is required: import");
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Registers every post in a CSV file (header: id,type,name,district,lat,lon) and writes their bundles.",
          "A file with any bad row changes nothing unless --skip-bad-rows is given.",
          "Passwords are written to each bundle's agent.conf, not printed."})
  static final class Import implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    BundleOptions bundle;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file.")
    Path csv;

    @Option(names = "--skip-bad-rows", description = "Import the good rows and report the bad ones.")
    boolean skipBadRows;

    @Override
    public Integer call() throws IOException {
      if (!Files.isReadable(csv)) {
        throw new IllegalArgumentException("--csv " + csv + " is not a readable file");
      }
      CsvPosts.Parsed parsed;
      try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        parsed = CsvPosts.read(r);
      }
      PrintWriter err = spec.commandLine().getErr();
      for (RowProblem p : parsed.problems()) {
        err.println(csv + ": " + p);
      }
      err.flush();
      if (!parsed.clean() && !skipBadRows) {
        err.println("error: " + parsed.problems().size() + " bad row(s); nothing was imported"
            + " (fix them, or pass --skip-bad-rows to import the " + parsed.posts().size() + " good one(s))");
        err.flush();
        return BAD_ROWS;
      }
      KuzetProvision root = KuzetProvision.root(spec);
      FleetCa ca = FleetStore.open(locations.fleet(), root.clock(), root.random());
      try (PostRegistry registry = locations.openRegistry()) {
        List<ProvisionedPost> done = new PostProvisioner(registry, ca, bundle.settings(locations.fleet()), root.clock(), root.random())
            .addAll(parsed.posts(), bundle.bundlesDir);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Registered " + done.size() + " post(s); bundles in " + bundle.bundlesDir
            + (parsed.clean() ? "." : "; skipped " + parsed.problems().size() + " bad row(s)."));
        out.flush();
      }
      return 0;
    }
  }
}
