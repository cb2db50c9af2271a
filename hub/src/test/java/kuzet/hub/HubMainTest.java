package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line refuses bad flags and bad configuration before starting anything. */
class HubMainTest {
  @TempDir
  Path dir;

  private String run(int expectedCode, String... args) {
    StringWriter err = new StringWriter();
    int code = HubMain.execute(args, new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isEqualTo(expectedCode);
    return err.toString();
  }

  @Test
  void invalidConfigFileStopsTheHubNamingTheKey() throws Exception {
    Path cfg = Files.writeString(dir.resolve("hub.properties"), "hub.dataDir=" + dir + "\nhttp.port=eighty\n");
    assertThat(run(2, "run", "--config", cfg.toString())).contains("'http.port'").contains("not a whole number");
  }

  @Test
  void missingConfigFileIsNamed() {
    assertThat(run(2, "run", "--config", dir.resolve("absent.properties").toString())).contains("absent.properties");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "run                              | --config",
      "run --config                     | --config",
      "demo --http-port eighty          | --http-port",
      "demo --broker-port x             | --broker-port",
      "run --config a.properties --nope | --nope",
      "launch                           | launch"})
  void badFlagsAreRefusedWithUsage(String args, String named) {
    assertThat(run(2, args.trim().split("\\s+"))).contains(named);
  }
}
