package kuzet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two .deb files as dpkg and lintian see them, without installing them anywhere. */
class DebianPackagesIT {
  private static final Pattern PATH_IN_EXEC = Pattern.compile("(/(?:opt|etc)/kuzet/[^\\s]+)");

  @ParameterizedTest
  @ValueSource(strings = {"kuzet-hub", "kuzet-agent"})
  void controlFieldsNameThePackageItsJavaAndAdduser(String name) throws Exception {
    Path deb = Shell.deb(name);
    assertThat(Shell.ok("dpkg-deb", "--field", deb.toString(), "Package").strip()).isEqualTo(name);
    assertThat(Shell.ok("dpkg-deb", "--field", deb.toString(), "Architecture").strip()).isEqualTo("all");
    assertThat(Shell.ok("dpkg-deb", "--field", deb.toString(), "Version").strip()).startsWith("0.1.0");
    assertThat(Shell.ok("dpkg-deb", "--field", deb.toString(), "Depends"))
        .containsPattern("openjdk-17-jre-headless( \\(>= [0-9.]+\\))? \\| java17-runtime-headless").contains("adduser");
    assertThat(Shell.ok("dpkg-deb", "--field", deb.toString(), "Maintainer")).contains("@");
    assertThat(Shell.ok("dpkg-deb", "--field", deb.toString(), "Description")).contains("Kuzet");
  }

  @Test
  void theHubNeedsAJavaThatTrimsItsNativeHeapAsItsFlagsAsk() throws Exception {
    // -XX:TrimNativeHeapInterval (hub-jvm.flags) is a product flag from 17.0.11; an older JVM would refuse to start
    assertThat(Shell.ok("dpkg-deb", "--field", Shell.deb("kuzet-hub").toString(), "Depends"))
        .contains("openjdk-17-jre-headless (>= 17.0.11)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kuzet-hub", "kuzet-agent"})
  void everyFileBelongsToRootWithTheModeItNeeds(String name) throws Exception {
    Expected e = Expected.of(name);
    Map<String, String[]> entries = contents(Shell.deb(name));
    assertThat(entries.values()).allSatisfy(entry -> {
      assertThat(entry[1]).as(entry[5]).isEqualTo("root/root");
      if (entry[0].startsWith("l")) {
        return; // a symbolic link's own mode is always rwxrwxrwx; what it points at is checked
      }
      assertThat(entry[0].charAt(8)).as("world-writable " + entry[5]).isNotEqualTo('w');
      assertThat(entry[0].charAt(5)).as("group-writable " + entry[5]).isNotEqualTo('w');
    });
    e.modes().forEach((path, mode) -> assertThat(entries).as(path).containsKey(path)
        .extractingByKey(path).satisfies(entry -> assertThat(entry[0]).as(path).isEqualTo(mode)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kuzet-hub", "kuzet-agent"})
  void configurationFilesAreConffilesSoDpkgKeepsTheInstallersCopy(String name, @TempDir Path dir) throws Exception {
    Expected e = Expected.of(name);
    Shell.ok("dpkg-deb", "--control", Shell.deb(name).toString(), dir.toString());
    assertThat(Files.readAllLines(dir.resolve("conffiles")).stream().map(String::strip).filter(l -> !l.isEmpty()))
        .containsExactlyInAnyOrderElementsOf(e.conffiles());
  }

  @ParameterizedTest
  @ValueSource(strings = {"kuzet-hub", "kuzet-agent"})
  void theShippedUnitIsTheModulesUnitAndEveryFileItStartsWithIsInThePackage(String name, @TempDir Path dir)
      throws Exception {
    Expected e = Expected.of(name);
    Path deb = Shell.deb(name);
    Shell.ok("dpkg-deb", "--extract", deb.toString(), dir.toString());
    Path unit = dir.resolve(e.unit().substring(1));
    assertThat(unit).hasSameBinaryContentAs(e.unitSource());
    String execStart = Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    Matcher m = PATH_IN_EXEC.matcher(execStart);
    int named = 0;
    while (m.find()) {
      named++;
      assertThat(dir.resolve(m.group(1).substring(1))).as("%s names %s", execStart, m.group(1)).isRegularFile();
    }
    assertThat(named).as("files named in " + execStart).isGreaterThanOrEqualTo(2);
    assertThat(Files.readString(unit)).contains("User=kuzet").contains("StateDirectory=" + e.dataDir().substring(9));
    // the configuration is root:kuzet 0640: a unit that ran under another primary group (gpio) could not read it, and
    // systemd refuses to start a unit whose SupplementaryGroups name a group this machine lacks (gpio, i2c off a Pi)
    assertThat(Files.readAllLines(unit)).contains("Group=kuzet").noneMatch(l -> l.startsWith("SupplementaryGroups="));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kuzet-hub", "kuzet-agent"})
  void maintainerScriptsAreExecutableAndParseAsPosixShell(String name, @TempDir Path dir) throws Exception {
    Shell.ok("dpkg-deb", "--control", Shell.deb(name).toString(), dir.toString());
    for (String script : List.of("postinst", "prerm", "postrm")) {
      Path p = dir.resolve(script);
      assertThat(p).as(script).isRegularFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(script).isEqualTo("rwxr-xr-x");
      assertThat(Files.readAllLines(p)).as(script).first().isEqualTo("#!/bin/sh");
      assertThat(Files.readString(p)).as(script).contains("\nset -e\n");
      Shell.ok("sh", "-n", p.toString());
    }
  }

  @Test
  void lintianReportsNoErrorOrWarningOnEitherPackage() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/lintian")), "lintian is not installed");
    // one run for both: most of lintian's time is its own start and the jars' unpacking
    Shell.Result r = Shell.run(List.of("lintian", "--fail-on", "error,warning", "--tag-display-limit", "0",
        Shell.deb("kuzet-hub").toString(), Shell.deb("kuzet-agent").toString()));
    assertThat(r.exit()).as(r.output()).isZero();
  }

  /** {@code dpkg-deb --contents} by path (without the leading "."): mode, owner/group, size, date, time, path. */
  private static Map<String, String[]> contents(Path deb) throws Exception {
    Map<String, String[]> byPath = new HashMap<>();
    for (String line : Shell.ok("dpkg-deb", "--contents", deb.toString()).split("\n")) {
      String[] f = line.strip().split("\\s+", 6);
      if (f.length == 6) {
        f[5] = f[5].replaceFirst("^\\./", "/").replaceFirst("/$", "");
        byPath.put(f[5], f);
      }
    }
    return byPath.entrySet().stream().filter(x -> !x.getKey().isEmpty())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
