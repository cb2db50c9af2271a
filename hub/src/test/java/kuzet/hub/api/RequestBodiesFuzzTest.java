package kuzet.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import kuzet.protocol.testing.RejectionTally;
import org.junit.jupiter.api.AfterAll;

/**
 * Every operator API request body (alert ack/dispatch/resolve notes, commands, staffing) either decodes or is
 * rejected with a 400 {@link HttpErrors.BadRequest} that says what was wrong; nothing else escapes.
 * The first byte of an input picks the route; the rest is the body as the client sent it.
 */
class RequestBodiesFuzzTest {
  private static final RejectionTally TALLY = new RejectionTally("rest-operator-bodies");
  private static final String[] ROUTES = {"ack", "resolve", "command", "staffed"};
  private static final java.util.List<Function<JsonObject, Object>> DECODERS = java.util.List.of(
      body -> String.valueOf(RequestBodies.note(body, false)),
      body -> RequestBodies.note(body, true),
      RequestBodies::command,
      body -> String.valueOf(RequestBodies.staffed(body)));

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
  @DictionaryEntries({"{\"note\":", "{\"name\":\"LIGHTS\"", "\"args\":{", "{\"staffed\":", "\"PANIC_ACK\"", "null",
      "true", "false", "\"\"", "[", "]", "{", "}", ",", ":", "1e999", "\"\\u0000\""})
  void anyOperatorBodyDecodesOrIsRejectedWith400(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int route = Byte.toUnsignedInt(input[0]) % ROUTES.length;
    String text = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
    try {
      Object decoded = DECODERS.get(route).apply(RequestBodies.object(text));
      assertThat(decoded).isNotNull();
      TALLY.accepted(ROUTES[route]);
    } catch (HttpErrors.BadRequest e) {
      assertThat(e.status).isEqualTo(400);
      assertThat(e.getMessage()).isNotBlank();
      TALLY.rejected(ROUTES[route] + ": " + RejectionTally.shape(e.getMessage()));
    }
  }

  @AfterAll
  static void report() {
    TALLY.report();
  }
}
