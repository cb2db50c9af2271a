package kuzet.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import kuzet.protocol.testing.RejectionTally;
import org.junit.jupiter.api.AfterAll;

/**
 * Every sign-in and operator-administration body either decodes or is rejected with a 4xx {@link AuthProblem}
 * or the 400 an {@link IllegalArgumentException} becomes; nothing else escapes. The first byte of an input
 * picks the route (and, with its high bit, a wrong Content-Type); the rest is the body.
 */
class AuthBodiesFuzzTest {
  private static final RejectionTally TALLY = new RejectionTally("rest-auth-bodies");
  private static final String[] ROUTES = {"sign-in", "add-operator", "change-operator"};
  private static final List<BiFunction<String, Buffer, Object>> DECODERS = List.of(
      AuthBodies::signIn, AuthBodies::newOperator, AuthBodies::change);

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
  @DictionaryEntries({"{\"username\":", "\"password\":", "\"role\":\"admin\"", "\"role\":", "\"unlock\":true",
      "\"correct horse battery\"", "\"viewer\"", "null", "true", "\"\"", "[", "]", "{", "}", ",", ":"})
  void anyAuthBodyDecodesOrIsRejectedWith4xx(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int route = (input[0] & 0x7f) % ROUTES.length;
    String type = (input[0] & 0x80) == 0 ? "application/json; charset=utf-8" : "text/plain";
    Buffer body = Buffer.buffer(Arrays.copyOfRange(input, 1, input.length));
    try {
      assertThat(DECODERS.get(route).apply(type, body)).isNotNull();
      TALLY.accepted(ROUTES[route]);
    } catch (AuthProblem e) {
      assertThat(e.status()).isBetween(400, 499);
      assertThat(e.getMessage()).isNotBlank();
      TALLY.rejected(ROUTES[route] + ": " + e.status() + " " + RejectionTally.shape(e.getMessage()));
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      TALLY.rejected(ROUTES[route] + ": 400 " + RejectionTally.shape(e.getMessage()));
    }
  }

  @AfterAll
  static void report() {
    TALLY.report();
  }
}
