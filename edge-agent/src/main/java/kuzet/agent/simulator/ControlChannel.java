package kuzet.agent.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kuzet.agent.hardware.InputRole;

/**
 * Line commands on stdin that drive the mock pins of a running simulation, so a test in another JVM can make a post
 * produce events (e.g. while the broker is down) and then kill the process. Every line gets one reply line:
 * <pre>
 *   press N          hold post N's panic button       -> ok press
 *   door N COUNT     toggle post N's door COUNT times -> ok door COUNT depth=D   (all COUNT events are on disk)
 *   depth N          outbox depth of post N           -> ok depth=D
 *   button N down    close post N's panic contact and keep it closed (up: open it) -> ok button down
 *   outputs N        what post N's outputs show       -> ok outputs beacon=STROBE floodlights=on buttonLed=RECEIVED
 * </pre>
 * Posts are numbered from 1. Malformed lines get "error ..." and the simulation carries on. It exists only in the
 * simulator, whose pins are Pi4J's mock ones: a post on real hardware has no such channel.
 */
public final class ControlChannel {
  private final FleetSimulator fleet;
  private final PrintStream out;

  public ControlChannel(FleetSimulator fleet, PrintStream out) {
    this.fleet = fleet;
    this.out = out;
  }

  /** Reads commands until end of input. */
  public void serve(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      out.println(execute(line.trim()));
      out.flush();
    }
  }

  String execute(String line) {
    String[] w = line.split("\\s+");
    try {
      switch (w[0]) {
        case "press" -> {
          post(w).press();
          return "ok press";
        }
        case "door" -> {
          int count = Integer.parseInt(w[2]);
          SimulatedPost p = post(w);
          for (int i = 0; i < count; i++) {
            p.toggle(InputRole.DOOR);
          }
          return "ok door " + count + " depth=" + p.agent().outbox().depth();
        }
        case "depth" -> {
          return "ok depth=" + post(w).agent().outbox().depth();
        }
        case "button" -> {
          if (!w[2].equals("down") && !w[2].equals("up")) {
            return "error button N takes down or up, not '" + w[2] + "'";
          }
          post(w).button(w[2].equals("down"));
          return "ok button " + w[2];
        }
        case "outputs" -> {
          var agent = post(w).agent();
          return "ok outputs beacon=" + agent.beacon().pattern() + " floodlights="
              + (agent.lighting().floodlightsOn() ? "on" : "off") + " buttonLed=" + agent.buttonLed().pattern();
        }
        default -> {
          return "error unknown command '" + w[0] + "' (press N | door N COUNT | depth N | button N down|up | outputs N)";
        }
      }
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      return "error malformed line '" + line + "': " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "error interrupted";
    }
  }

  private SimulatedPost post(String[] w) {
    int n = Integer.parseInt(w[1]);
    if (n < 1 || n > fleet.posts().size()) {
      throw new NumberFormatException("post " + n + " is not in 1.." + fleet.posts().size());
    }
    return fleet.posts().get(n - 1);
  }
}
