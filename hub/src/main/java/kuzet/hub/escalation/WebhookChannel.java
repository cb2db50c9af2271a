package kuzet.hub.escalation;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import kuzet.hub.alert.Alert;
import kuzet.hub.audit.SecretUrls;
import kuzet.retry.Backoff;
import kuzet.store.Json;

/**
 * POSTs the alert as JSON to the target's URL. Any 2xx is accepted; anything else, or no answer, is
 * retried with doubling backoff up to {@code maxAttempts}, and every attempt is reported. Retrying stops
 * once nobody needs the notice any more (the alert was acknowledged or resolved).
 */
public final class WebhookChannel implements NotificationChannel {
  /** Retry settings. */
  public record Retry(int maxAttempts, Duration initial, Duration max, Duration timeout) {}

  private final Vertx vertx;
  private final WebClient client;
  private final Retry retry;
  private final Predicate<UUID> stillWanted;

  public WebhookChannel(Vertx vertx, Retry retry, Predicate<UUID> stillWanted) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("kuzet-hub"));
    this.retry = retry;
    this.stillWanted = stillWanted;
  }

  @Override
  public boolean reaches(Target target) {
    return target.webhook() != null;
  }

  @Override
  public void deliver(Notice notice, Target target, Outcome outcome) {
    attempt(notice, target, Buffer.buffer(body(notice).encode()), 1, Backoff.doubling(retry.initial(), retry.max()),
        outcome);
  }

  static JsonObject body(Notice n) {
    Alert a = n.alert();
    return new JsonObject(Json.write(a)).put("target", n.target()).put("step", n.step()).put("reminder", n.reminder());
  }

  private void attempt(Notice notice, Target target, Buffer body, int attempt, Backoff backoff, Outcome outcome) {
    String what = "webhook " + notice.describe() + " attempt " + attempt + ": ";
    client.postAbs(target.webhook().toString()).timeout(retry.timeout().toMillis())
        .putHeader("content-type", "application/json").sendBuffer(body).onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
            outcome.record(what + "HTTP " + ar.result().statusCode() + ", accepted");
            return;
          }
          // Vert.x names the request's path and query in some failures: that is where webhook tokens are
          String failure = ar.succeeded() ? "HTTP " + ar.result().statusCode()
              : "failed (" + SecretUrls.redact(withoutRequestLine(ar.cause().getMessage())) + ")";
          if (attempt >= retry.maxAttempts()) {
            outcome.record(what + failure + "; giving up after " + attempt + " attempts");
            return;
          }
          Duration wait = backoff.next();
          outcome.record(what + failure + "; retrying in " + wait.toMillis() + " ms");
          vertx.setTimer(Math.max(1, wait.toMillis()), t -> {
            if (!stillWanted.test(notice.alert().id())) {
              outcome.record("webhook " + notice.describe() + ": stopped retrying, the alert was acknowledged");
              return;
            }
            attempt(notice, target, body, attempt + 1, backoff, outcome);
          });
        });
  }

  /** Vert.x's timeout message names the request ("POST /path?query"), which carries the webhook's token. */
  private static String withoutRequestLine(String message) {
    return message == null ? null : message.replaceAll("(?i)\\b(POST|GET|PUT) \\S+", "$1 (redacted)");
  }
}
