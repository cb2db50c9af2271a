package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kuzet.agent.cli.AgentMain;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.Message;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code edge-agent.jar load} against a real Mosquitto: a subscriber decoding with the protocol's codec gets exactly
 * what the command says it sent, every message valid, each post's seq running on by one across telemetry and panics.
 */
class LoadGeneratorOverBrokerTest {
  private static final Pattern SENT = Pattern.compile("sent ([\\d,]+) TELEMETRY .* and ([\\d,]+) PANIC");

  @Test
  void aShortRunDeliversEveryMessageItCountsAsValidProtocol(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir);
         Recorder hub = new Recorder(broker.url(), "load-test-hub", false)) {
      StringWriter out = new StringWriter();
      CommandLine cl = new CommandLine(new AgentMain());
      cl.setOut(new PrintWriter(out));
      int exit = cl.execute("load", "--broker", broker.url(), "--posts", "12", "--connections", "3", "--rate", "300",
          "--qos", "1", "--duration", "2s", "--panics-per-minute", "600", "--id-prefix", "lt");

      assertThat(exit).as(out.toString()).isZero();
      Matcher m = SENT.matcher(out.toString());
      assertThat(m.find()).as(out.toString()).isTrue();
      long telemetry = Long.parseLong(m.group(1).replace(",", ""));
      long panics = Long.parseLong(m.group(2).replace(",", ""));
      assertThat(telemetry).isBetween(500L, 700L);
      assertThat(panics).isBetween(15L, 25L);
      assertThat(out.toString()).contains("the broker has " + String.format("%,d", telemetry + panics) + " of ")
          .containsPattern("(?m)^\\s+1\\s").containsPattern("(?m)^\\s+2\\s");

      await().atMost(Duration.ofSeconds(20)).until(() -> hub.messages.size() >= telemetry + panics);
      assertThat(hub.undecodable).isEmpty();
      assertThat(hub.messages).hasSize((int) (telemetry + panics));
      assertThat(hub.messages.stream().filter(Telemetry.class::isInstance)).hasSize((int) telemetry);
      List<Event> presses = hub.messages.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
      assertThat(presses).hasSize((int) panics).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.PANIC));
      assertThat(presses.stream().map(Event::incidentId).distinct()).hasSize((int) panics);
      assertThat(hub.messages.stream().map(x -> ((PostMessage) x).postId().value()).distinct().sorted())
          .containsExactly("lt-0000", "lt-0001", "lt-0002", "lt-0003", "lt-0004", "lt-0005", "lt-0006", "lt-0007",
              "lt-0008", "lt-0009", "lt-0010", "lt-0011");
      assertSeqRunsOnByOnePerPost(hub.messages);
    }
  }

  private static void assertSeqRunsOnByOnePerPost(List<Message> received) {
    Map<String, List<Long>> seqs = received.stream().map(PostMessage.class::cast).collect(Collectors.groupingBy(
        p -> p.postId().value(), HashMap::new, Collectors.mapping(LoadGeneratorOverBrokerTest::seq, Collectors.toList())));
    seqs.forEach((post, list) -> {
      List<Long> sorted = list.stream().sorted().toList();
      assertThat(sorted).as(post).first().isEqualTo(0L);
      assertThat(sorted).as(post + ": no seq twice, none missing").doesNotHaveDuplicates()
          .last().isEqualTo((long) sorted.size() - 1);
    });
  }

  private static long seq(PostMessage p) {
    return p instanceof Telemetry t ? t.seq() : ((Event) p).seq();
  }
}
