package kuzet.provisioning.endtoend;

import kuzet.protocol.testing.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import kuzet.hub.Chromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One resident's press with nothing faked: the real agent process (the simulator's one post, on Pi4J's mock pins),
 * the real hub process with its embedded broker, and an operator in a real Chromium. The contact is closed on the
 * mock pin, and every step the resident and the operator see is checked and timed: the beacon and floodlights, the
 * PANIC and its sound on the board, the button LED through received, acknowledged and help coming, and the post back
 * to normal after the operator resolves the call.
 */
class OnePressEndToEndTest {
  private static final String POST = "e2e-001";
  private static final String PANIC = "#alert-list li[data-type='PANIC']";
  private static final Duration STEP = Duration.ofSeconds(10);
  private final Map<String, Long> timings = new LinkedHashMap<>();

  @Test
  void aPressReachesTheBoardAndEachOperatorStepReachesTheButtonLed(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Chromium.available(), "chromium and chromedriver are installed by ./run test");
    long start = System.nanoTime();
    try (HubJvm hub = new HubJvm(dir.resolve("hub"), List.of(POST), Map.of());
         SimulatorJvm post = new SimulatorJvm(dir.resolve("post"), "tcp://127.0.0.1:" + hub.brokerPort());
         Chromium browser = new Chromium(dir.resolve("browser"))) {
      // the three start side by side; the post connects once the hub's broker is up
      hub.awaitUp();
      browser.signIn(hub.base(), HubJvm.OPERATOR, hub.password());
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> isOnline(hub));
      took("setup: hub, simulator and Chromium started, signed in, the post online", start);
      browser.click("#start-shift");
      // every beep is three oscillators: count them where the page makes them
      browser.script("window.__beeps = 0; const make = AudioContext.prototype.createOscillator;"
          + " AudioContext.prototype.createOscillator = function () { window.__beeps += 1; return make.call(this); };");
      Map<String, String> normal = post.outputs();
      assertThat(normal).containsEntry("beacon", "OFF").containsEntry("buttonLed", "OFF");

      long pressed = System.nanoTime();
      java.time.Instant pressedAt = java.time.Instant.now();
      post.send("button 1 down");
      post.await(o -> o.get("beacon").equals("STROBE") && o.get("floodlights").equals("on"));
      took("press -> beacon and floodlights on (the contact held through panic.debounceMs + holdMs)", pressed);
      browser.waitUpTo(STEP).until(d -> !browser.findAll(PANIC + "[data-state='OPEN']").isEmpty());
      took("press -> PANIC on the board", pressed);
      // where that time went: the hub's own clock (the same machine's) says when it opened the alert
      timings.put("press -> PANIC alert opened at the hub (its openedAt)", java.time.Duration.between(pressedAt,
          java.time.Instant.parse(panicAlert(hub).path("openedAt").asText())).toMillis());
      post.send("button 1 up");
      browser.waitUpTo(STEP).until(d -> ((Number) browser.script("return window.__beeps")).intValue() > 0);
      took("press -> the board sounds", pressed);
      post.await(o -> o.get("buttonLed").equals("RECEIVED"));
      took("press -> button LED 'received'", pressed);

      long clicked = click(browser, PANIC + " button[data-action='ack']");
      post.await(o -> o.get("buttonLed").equals("STEADY"));
      took("acknowledge click -> button LED 'acknowledged'", clicked);
      clicked = click(browser, PANIC + " button[data-action='dispatch']");
      post.await(o -> o.get("buttonLed").equals("DISPATCHED"));
      took("dispatch click -> button LED 'help coming'", clicked);

      browser.click(PANIC + " button[data-action='resolve']");
      browser.find("#resolve-note").sendKeys("Наряд на месте, всё спокойно");
      clicked = click(browser, "#resolve-form button[type=submit]");
      post.await(o -> o.equals(normal));
      took("resolve click -> the post back to normal (beacon off, LED off, floodlights as scheduled)", clicked);
      browser.waitUpTo(STEP).until(d -> browser.findAll(PANIC).isEmpty());
      assertThat(browser.consoleErrors()).as("script errors or CSP violations").isEmpty();
      timings.forEach((step, ms) -> System.out.printf("%-95s %6d ms%n", step, ms));
    }
  }

  private static boolean isOnline(HubJvm hub) {
    try {
      return hub.status(POST).equals("online");
    } catch (IOException | InterruptedException | RuntimeException e) {
      return false;
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode panicAlert(HubJvm hub) throws Exception {
    for (var a : hub.get("/api/alerts")) {
      if (a.path("postId").asText().equals(POST) && a.path("type").asText().equals("PANIC")) {
        return a;
      }
    }
    throw new AssertionError("the board shows a PANIC the API does not list");
  }

  private static long click(Chromium browser, String css) {
    browser.click(css);
    return System.nanoTime();
  }

  private void took(String step, long since) {
    timings.put(step, (System.nanoTime() - since) / 1_000_000);
  }

  /** The fleet simulator with one post as its own JVM, driven and read through its control channel on stdin. */
  private static final class SimulatorJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    SimulatorJvm(Path dir, String broker) throws IOException {
      Files.createDirectories(dir);
      process = new ProcessBuilder(ChildJvm.command("-Xmx128m",
          "-cp", System.getProperty("java.class.path"), "kuzet.agent.cli.AgentMain", "simulate", "--posts", "1",
          "--broker", broker, "--data-dir", dir.resolve("data").toString(), "--id-prefix", "e2e", "--no-scenario",
          "--control-stdin", "--telemetry-interval", "3600"))
          .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile())).start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      reply("ready");
    }

    String send(String line) throws IOException {
      in.write(line + "\n");
      in.flush();
      return reply("ok");
    }

    private String reply(String prefix) throws IOException {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(prefix)) {
          return line;
        }
        if (line.startsWith("error")) {
          throw new AssertionError("the simulator answered: " + line);
        }
      }
      throw new AssertionError("the simulator exited before answering '" + prefix + "'");
    }

    Map<String, String> outputs() throws IOException {
      Map<String, String> m = new LinkedHashMap<>();
      for (String kv : send("outputs 1").substring("ok outputs ".length()).split(" ")) {
        m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
      return m;
    }

    /** Reads the outputs every few ms until they show what is expected, for at most 10 s. */
    void await(Predicate<Map<String, String>> expected) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + STEP.toNanos();
      Map<String, String> seen = outputs();
      while (!expected.test(seen)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the post's outputs stayed " + seen);
        }
        Thread.sleep(5);
        seen = outputs();
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }
  }
}
