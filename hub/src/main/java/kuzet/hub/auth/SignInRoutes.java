package kuzet.hub.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import kuzet.hub.web.Bodies;
import kuzet.hub.web.ClientAddress;

/**
 * {@code POST /api/session} signs in, {@code GET /api/session} says who is signed in (and hands the page its
 * CSRF token again after a reload), {@code DELETE /api/session} signs out.
 *
 * <p>A sign-in is cheap to refuse and dear to check (Argon2), so it is refused before the check when the
 * address must still wait ({@link SignInThrottle}: 429) or when every hashing slot is taken (503, at once:
 * a queue would only let a flood pile up). Known and unknown usernames get the same answers throughout.
 */
final class SignInRoutes {
  static final String PATH = "/api/session";

  private final SessionAccess access;
  private final OperatorService operators;
  private final SignInThrottle throttle;
  private final Semaphore hashing;
  private final boolean viaProxy;
  private final Clock clock;

  SignInRoutes(SessionAccess access, OperatorService operators, SignInThrottle throttle, AuthSettings settings,
               Clock clock) {
    this.access = access;
    this.operators = operators;
    this.throttle = throttle;
    this.hashing = new Semaphore(settings.hashingSlots());
    this.viaProxy = settings.viaProxy();
    this.clock = clock;
  }

  void mount(Router router) {
    router.route(PATH).handler(Bodies.limit(Bodies.SMALL_LIMIT));
    router.post(PATH).handler(this::signIn);
    router.get(PATH).handler(this::whoAmI);
    router.delete(PATH).handler(access.require(Role.VIEWER)).handler(this::signOut);
  }

  private void signIn(RoutingContext ctx) {
    String username;
    String password;
    try {
      AuthBodies.SignIn request = AuthBodies.signIn(ctx.request().getHeader("Content-Type"), ctx.body().buffer());
      username = request.username();
      password = request.password();
    } catch (AuthProblem p) {
      JsonReplies.failure(ctx, p);
      return;
    }
    String address = ClientAddress.of(ctx, viaProxy);
    var attempt = throttle.begin(address, username, clock.instant()).orElse(null);
    if (attempt == null) {
      operators.signInAudit().throttled();
      retryLater(ctx, 429, throttle.waitBeforeTry(address, username, clock.instant()),
          "too many wrong passwords from this address");
      return;
    }
    if (!hashing.tryAcquire()) {
      attempt.cancelled();
      operators.signInAudit().busy();
      retryLater(ctx, 503, Duration.ofSeconds(1), "the hub is checking other sign-ins");
      return;
    }
    ctx.vertx().executeBlocking(() -> operators.signIn(username, password, address), false)
        .onComplete(ar -> hashing.release())
        .onFailure(t -> {
          attempt.cancelled();
          JsonReplies.failure(ctx, t);
        })
        .onSuccess(result -> {
          if (result instanceof SignInResult.Accepted a) {
            attempt.accepted();
            access.open(ctx, a.operator())
                .onFailure(t -> JsonReplies.failure(ctx, t))
                .onSuccess(s -> JsonReplies.send(ctx, 200, describe(s)));
          } else {
            JsonReplies.error(ctx, 401, "wrong username or password");
          }
        });
  }

  private static void retryLater(RoutingContext ctx, int status, Duration wait, String why) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    JsonReplies.send(ctx, status, new JsonObject()
        .put("error", why + "; try again in " + seconds + " s")
        .put("retryAfterS", seconds));
  }

  private void whoAmI(RoutingContext ctx) {
    Session s = access.current(ctx);
    if (s == null) {
      JsonReplies.error(ctx, 401, "sign in first");
    } else {
      JsonReplies.send(ctx, 200, describe(s));
    }
  }

  private void signOut(RoutingContext ctx) {
    Session s = access.current(ctx);
    access.close(ctx, s)
        .onFailure(t -> JsonReplies.failure(ctx, t))
        .onSuccess(v -> ctx.response().setStatusCode(204).end());
  }

  private static JsonObject describe(Session s) {
    return new JsonObject()
        .put("username", s.username())
        .put("role", s.role().name().toLowerCase())
        .put("csrfToken", s.csrfToken())
        .put("expiresAt", s.expiresAt().toString());
  }
}
