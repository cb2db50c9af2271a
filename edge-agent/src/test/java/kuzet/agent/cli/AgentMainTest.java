package kuzet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentMainTest {
  @TempDir
  Path dir;

  private int run(StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new AgentMain());
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void anInvalidConfigFileStopsTheAgentAtStartNamingTheKey() throws Exception {
    Path conf = Files.writeString(dir.resolve("agent.conf"), "post.id = alatau-001\nmqtt.url = tcp://h:1883\ntelemetry.intervalS = often\n");
    var errBytes = new java.io.ByteArrayOutputStream();
    var old = System.err;
    System.setErr(new java.io.PrintStream(errBytes, true));
    try {
      assertThat(run(new StringWriter(), "--config", conf.toString())).isEqualTo(2);
    } finally {
      System.setErr(old);
    }
    assertThat(errBytes.toString()).contains("telemetry.intervalS: 'often' is not a whole number");
  }

  @Test
  void simulateRejectsMalformedOptions() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "simulate", "--posts", "many", "--broker", "tcp://h:1", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--posts").contains("many");
    assertThat(run(new StringWriter(), "simulate", "--posts", "0", "--broker", "tcp://h:1", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(run(new StringWriter(), "simulate", "--posts", "1", "--broker", "mqtt://h", "--data-dir", dir.toString())).isEqualTo(2);
    StringWriter missing = new StringWriter();
    assertThat(run(missing, "simulate", "--posts", "1", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(missing.toString()).contains("--broker");
  }
}
