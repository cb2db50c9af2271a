package kuzet.agent.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlChannelTest {
  @TempDir
  Path dir;

  @Test
  void malformedLinesGetAnErrorReplyAndTheChannelCarriesOn() throws Exception {
    AgentConfig base = ConfigLoader.fromMap(Map.of("post.id", "ctl-000", "mqtt.url", "tcp://127.0.0.1:1",
        "hardware.platform", "mock", "data.dir", dir.toString(), "selftest.hour", "-1"), Map.of());
    try (FleetSimulator fleet = new FleetSimulator(base, 1, 1, dir.resolve("fleet"), "ctl", Clock.systemUTC())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String input = "fly 1\ndoor\ndoor 1 lots\ndoor 9 1\n\ndoor 1 4\ndepth 1\nbutton 1 sideways\nbutton 1\noutputs 1\n";
      new ControlChannel(fleet, new PrintStream(out, true, StandardCharsets.UTF_8))
          .serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      String[] replies = out.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(replies).hasSize(10);
      assertThat(replies[0]).startsWith("error unknown command 'fly'");
      assertThat(replies[1]).startsWith("error malformed line 'door'");
      assertThat(replies[2]).startsWith("error malformed line 'door 1 lots'");
      assertThat(replies[3]).contains("post 9 is not in 1..1");
      assertThat(replies[4]).startsWith("error unknown command ''");
      assertThat(replies[5]).isEqualTo("ok door 4 depth=4");
      assertThat(replies[6]).isEqualTo("ok depth=4");
      assertThat(replies[7]).startsWith("error button N takes down or up, not 'sideways'");
      assertThat(replies[8]).startsWith("error malformed line 'button 1'");
      assertThat(replies[9]).matches("ok outputs beacon=OFF floodlights=(on|off) buttonLed=OFF");
    }
  }
}
