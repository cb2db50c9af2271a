package kuzet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Install, upgrade, removal and purge of each package by dpkg into a throwaway root, with the real maintainer
 * scripts: the system user, the data directory and its rights, the configuration the installer edited kept on
 * upgrade and removal, the administrator's choice to enable the unit kept on upgrade, and everything but the user
 * gone on purge.
 */
class MaintainerScriptsIT {
  private static final String WANTS = "/etc/systemd/system/multi-user.target.wants/";

  @Test
  void hubInstallsUpgradesKeepingItsConfigurationAndPurgesItsData(@TempDir Path tmp) throws Exception {
    lifecycle(Expected.HUB, ThrowawayRoot.create(tmp.resolve("root")), tmp);
  }

  @Test
  void agentJoinsThePisGpioAndI2cGroupsAndPurgesItsOutbox(@TempDir Path tmp) throws Exception {
    ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"), "gpio", "i2c");
    lifecycle(Expected.AGENT, root, tmp);
    assertThat(root.entry("group", "gpio").orElseThrow()[3]).isEqualTo("kuzet");
    assertThat(root.entry("group", "i2c").orElseThrow()[3]).isEqualTo("kuzet");
  }

  @Test
  void agentInstallsWhereThereAreNoGpioGroups(@TempDir Path tmp) throws Exception {
    ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
    root.dpkg("-i", Shell.deb("kuzet-agent").toString());
    assertThat(root.status("kuzet-agent")).startsWith("install ok installed");
    assertThat(root.entry("group", "gpio")).isEmpty();
  }

  @Test
  void bothOnOneMachineShareTheUserAndPurgingTheHubLeavesTheAgentAlone(@TempDir Path tmp) throws Exception {
    ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
    root.dpkg("-i", Shell.deb("kuzet-hub").toString());
    root.dpkg("-i", Shell.deb("kuzet-agent").toString());
    assertThat(Files.readAllLines(root.path("/etc/passwd")).stream().filter(l -> l.startsWith("kuzet:"))).hasSize(1);

    root.dpkg("--purge", "kuzet-hub");
    assertThat(root.status("kuzet-agent")).startsWith("install ok installed");
    assertThat(root.exists("/var/lib/kuzet")).isFalse();
    assertThat(root.exists("/var/lib/kuzet-agent")).isTrue();
    assertOwned(root, Expected.AGENT.config(), 0, root.gid("kuzet"), "rw-r-----");
    assertThat(root.exists("/opt/kuzet/current/edge-agent.jar")).isTrue();
    assertThat(root.exists("/opt/kuzet/stable/edge-agent.jar")).isTrue();
  }

  private static void lifecycle(Expected e, ThrowawayRoot root, Path tmp) throws Exception {
    String unit = e.unit().substring(e.unit().lastIndexOf('/') + 1);
    root.dpkg("-i", Shell.deb(e.name()).toString());

    assertThat(root.status(e.name())).startsWith("install ok installed");
    String[] user = root.entry("passwd", "kuzet").orElseThrow(() -> new AssertionError("no user kuzet"));
    assertThat(Integer.parseInt(user[2])).as("a system uid").isLessThan(1000).isGreaterThan(0);
    assertThat(user[6]).isEqualTo("/usr/sbin/nologin");
    assertOwned(root, e.dataDir(), root.uid("kuzet"), root.gid("kuzet"), "rwxr-x---");
    assertOwned(root, e.config(), 0, root.gid("kuzet"), "rw-r-----");
    assertThat(root.exists(e.unit())).isTrue();
    assertThat(root.exists("/var/lib/systemd/deb-systemd-helper-enabled/" + unit + ".dsh-also"))
        .as("unit known to deb-systemd-helper").isTrue();
    assertThat(root.exists(WANTS + unit)).as("not enabled before it is configured").isFalse();

    // the installer configures the post or hub, enables the unit, and the service writes its data
    Files.writeString(root.path(e.config()), "# edited by the installer\n", StandardOpenOption.APPEND);
    root.run("systemctl", "--root=" + root.path("/"), "enable", unit).orFail(List.of("systemctl enable " + unit));
    Files.writeString(root.path(e.dataDir()).resolve("state.db"), "data");
    assertThat(root.exists(WANTS + unit)).isTrue();

    root.dpkg("-i", nextVersion(Shell.deb(e.name()), tmp).toString());
    assertThat(root.status(e.name())).startsWith("install ok installed").endsWith("+upgrade");
    assertThat(Files.readString(root.path(e.config()))).endsWith("# edited by the installer\n");
    assertOwned(root, e.config(), 0, root.gid("kuzet"), "rw-r-----");
    assertThat(root.exists(WANTS + unit)).as("still enabled after the upgrade").isTrue();
    assertThat(root.path(e.dataDir()).resolve("state.db")).hasContent("data");

    root.dpkg("--remove", e.name());
    assertThat(root.status(e.name())).startsWith("deinstall ok config-files");
    assertThat(root.exists(e.unit())).isFalse();
    assertThat(Files.readString(root.path(e.config()))).endsWith("# edited by the installer\n");
    assertThat(root.path(e.dataDir()).resolve("state.db")).as("data kept on removal").hasContent("data");

    root.dpkg("--purge", e.name());
    assertThat(root.status(e.name())).doesNotContain("installed");
    assertThat(root.exists(e.dataDir())).as("data deleted on purge").isFalse();
    assertThat(root.exists(e.config())).isFalse();
    assertThat(root.exists("/etc/kuzet")).isFalse();
    assertThat(root.exists(WANTS + unit)).isFalse();
    assertThat(Files.readString(root.path("/var/lib/dpkg/statoverride"))).doesNotContain(e.config());
    assertThat(root.entry("passwd", "kuzet")).as("the system user stays, as Debian recommends").isPresent();
  }

  private static void assertOwned(ThrowawayRoot root, String path, int uid, int gid, String mode) throws Exception {
    Path p = root.path(path);
    assertThat(Files.getAttribute(p, "unix:uid")).as(path + " uid").isEqualTo(uid);
    assertThat(Files.getAttribute(p, "unix:gid")).as(path + " gid").isEqualTo(gid);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(path).isEqualTo(mode);
  }

  /** The same package with a higher version, as the next release would be. */
  private static Path nextVersion(Path deb, Path tmp) throws Exception {
    Path tree = tmp.resolve("next");
    Shell.ok("dpkg-deb", "--raw-extract", deb.toString(), tree.toString());
    Path control = tree.resolve("DEBIAN/control");
    String version = Shell.ok("dpkg-deb", "--field", deb.toString(), "Version").strip();
    Files.writeString(control, Files.readString(control).replace("Version: " + version, "Version: " + version + "+upgrade"));
    Path next = tmp.resolve("next.deb");
    Shell.ok("dpkg-deb", "-Znone", "--root-owner-group", "--build", tree.toString(), next.toString());
    return next;
  }
}
