package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kuzet.hub.telemetry.EmbeddedQuestDb;
import kuzet.protocol.testing.SystemdVerify;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceUnitTest {
  private static final Path UNIT = Path.of("packaging/kuzet-hub.service");
  private static final Path FLAGS = Path.of("packaging/hub-jvm.flags");
  private static final Pattern SIZE = Pattern.compile("^-(?:Xmx|Xms|XX:\\w+=)(\\d+)([mg])$");

  @Test
  void systemdAcceptsEveryLineOfTheHubsUnit(@TempDir Path dir) throws Exception {
    assertThat(SystemdVerify.warnings(UNIT, dir)).isEmpty();
  }

  @Test
  void theUnitStartsTheHubWithinItsMemoryBudget() throws Exception {
    List<String> unit = Files.readAllLines(UNIT);
    assertThat(unit).contains("ExecStart=/bin/sh /opt/kuzet/kuzet-hub-start run --config /etc/kuzet/hub.properties",
        "Environment=MALLOC_ARENA_MAX=2", "Environment=MALLOC_MMAP_THRESHOLD_=1048576",
        "Environment=MALLOC_TRIM_THRESHOLD_=131072");
    assertThat(Files.readString(Path.of("packaging/kuzet-hub-start")))
        .contains("flags=${KUZET_HUB_JVM_FLAGS:-/etc/kuzet/hub-jvm.flags}", "jar=${KUZET_HUB_JAR:-/opt/kuzet/hub.jar}")
        .contains("exec \"$java\" \"@$flags\" ");
  }

  /** Every area of the JVM that can grow is capped, and the caps leave 128 MiB of the 768 MiB budget for the rest. */
  @Test
  void theJvmFlagsCapEveryGrowingAreaWithinTheBudget() throws Exception {
    Map<String, Long> mib = new java.util.HashMap<>();
    for (String line : Files.readAllLines(FLAGS)) {
      Matcher m = SIZE.matcher(line.strip());
      if (m.matches()) {
        String key = line.strip().substring(1, line.strip().indexOf(m.group(1)));
        mib.put(key, Long.parseLong(m.group(1)) * (m.group(2).equals("g") ? 1024 : 1));
      }
    }
    assertThat(mib).containsKeys("Xms", "Xmx", "XX:MaxMetaspaceSize=", "XX:ReservedCodeCacheSize=",
        "XX:MaxDirectMemorySize=", "XX:CompressedClassSpaceSize=");
    assertThat(mib.get("Xms")).as("a fixed heap").isEqualTo(mib.get("Xmx"));
    long caps = mib.get("Xmx") + mib.get("XX:MaxMetaspaceSize=") + mib.get("XX:ReservedCodeCacheSize=")
        + mib.get("XX:MaxDirectMemorySize=") + EmbeddedQuestDb.RAM_LIMIT_BYTES / (1024 * 1024);
    // what no flag caps: G1's own structures (about 14% of the heap), symbols, threads, HiveMQ's RocksDB (docs/hub.md)
    assertThat(caps).as("capped MiB").isLessThanOrEqualTo(768 - 128);
    assertThat(Files.readAllLines(FLAGS)).contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(Files.readAllLines(FLAGS)).as("native memory freed by the JIT, RocksDB and QuestDB handed back to the system")
        .anyMatch(l -> l.matches("-XX:TrimNativeHeapInterval=[1-9][0-9]*"));
  }

  @Test
  void theJvmAcceptsTheFlagsFile() throws Exception {
    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "@" + FLAGS.toAbsolutePath(), "-version").redirectErrorStream(true).start();
    String out = new String(java.getInputStream().readAllBytes());
    assertThat(java.waitFor()).as(out).isZero();
    assertThat(out).doesNotContain("warning", "Unrecognized");
  }
}
