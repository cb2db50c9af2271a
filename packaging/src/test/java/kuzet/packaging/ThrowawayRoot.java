package kuzet.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A directory that dpkg treats as a whole system ({@code dpkg --root}): dpkg chroots into it for the maintainer
 * scripts, which then run the real adduser, dpkg-statoverride and deb-systemd-helper on this root's /etc and /var.
 * Its /usr is an overlay of this machine's (see in-throwaway-root.sh), mounted in a private mount namespace for
 * each command, so nothing reaches the machine's own users, units or files.
 */
final class ThrowawayRoot {
  private final Path root;
  private final Path script;

  private ThrowawayRoot(Path root, Path script) {
    this.root = root;
    this.script = script;
  }

  /** A root with only root's account and the given extra groups (a Raspberry Pi has gpio and i2c). */
  static ThrowawayRoot create(Path dir, String... groups) throws IOException, InterruptedException {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (chroot, mounts)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare");
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(etc.resolve("shadow"), "root:*:20000:0:99999:7:::\n");
    StringBuilder group = new StringBuilder("root:x:0:\nnogroup:x:65534:\n");
    StringBuilder gshadow = new StringBuilder("root:*::\nnogroup:*::\n");
    int gid = 990;
    for (String g : groups) {
      group.append(g).append(":x:").append(gid++).append(":\n");
      gshadow.append(g).append(":*::\n");
    }
    Files.writeString(etc.resolve("group"), group);
    Files.writeString(etc.resolve("gshadow"), gshadow);
    for (String f : List.of("login.defs", "adduser.conf", "nsswitch.conf")) {
      if (Files.exists(Path.of("/etc", f))) {
        Files.copy(Path.of("/etc", f), etc.resolve(f));
      }
    }
    // chfn, which adduser runs for the account's name, asks PAM
    for (String d : List.of("pam.d", "security")) {
      if (Files.isDirectory(Path.of("/etc", d))) {
        Shell.ok("cp", "-a", "/etc/" + d, etc.resolve(d).toString());
      }
    }
    Path script = dir.resolveSibling(dir.getFileName() + "-setup.sh");
    try (var in = ThrowawayRoot.class.getResourceAsStream("in-throwaway-root.sh")) {
      Files.write(script, in.readAllBytes());
    }
    ThrowawayRoot r = new ThrowawayRoot(dir, script);
    Shell.Result probe = r.run("true");
    Assumptions.assumeTrue(probe.exit() == 0, "cannot make a throwaway root here: " + probe.output());
    return r;
  }

  /** Runs a command (of this machine, not chrooted) with the root's /usr mounted. */
  Shell.Result run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh",
        script.toString(), root.toString()));
    cmd.addAll(List.of(command));
    return Shell.run(cmd);
  }

  /**
   * Runs dpkg inside the root, as on a real system: it resolves the statoverride's user and group in the root's
   * /etc. A package file argument is copied into the root's /tmp first. Dependencies (Java, adduser) are this
   * machine's, which the root's dpkg database does not list.
   */
  Shell.Result dpkg(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("chroot", root.toString(), "dpkg", "--force-depends", "--force-confold"));
    for (String a : args) {
      if (a.endsWith(".deb")) {
        Path inside = Files.copy(Path.of(a), root.resolve("tmp").resolve(Path.of(a).getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        cmd.add("/tmp/" + inside.getFileName());
      } else {
        cmd.add(a);
      }
    }
    return run(cmd.toArray(String[]::new)).orFail(cmd);
  }

  /** Where a path of this root is seen from outside: what the packages wrote under /usr is in the overlay's upper layer. */
  Path path(String absolute) {
    for (String merged : List.of("/usr/", "/lib/")) {
      if (absolute.startsWith(merged)) {
        String inUsr = absolute.startsWith("/usr/") ? absolute.substring(5) : absolute.substring(1);
        return root.resolve(".usr-upper").resolve(inUsr);
      }
    }
    return root.resolve(absolute.substring(1));
  }

  boolean exists(String absolute) {
    return Files.exists(path(absolute), LinkOption.NOFOLLOW_LINKS);
  }

  /** A line of this root's /etc/passwd or /etc/group, split at the colons. */
  Optional<String[]> entry(String file, String name) throws IOException {
    return Files.readAllLines(path("/etc/" + file)).stream().map(l -> l.split(":", -1))
        .filter(f -> f[0].equals(name)).findFirst();
  }

  int uid(String user) throws IOException {
    return Integer.parseInt(entry("passwd", user).orElseThrow()[2]);
  }

  int gid(String group) throws IOException {
    return Integer.parseInt(entry("group", group).orElseThrow()[2]);
  }

  /** dpkg's status of a package in this root (e.g. "install ok installed"), or "" when unknown. */
  String status(String pkg) throws IOException, InterruptedException {
    Shell.Result r = Shell.run(List.of("dpkg-query", "--admindir=" + path("/var/lib/dpkg"), "-W", "-f=${Status} ${Version}", pkg));
    return r.exit() == 0 ? r.output().strip() : "";
  }
}
