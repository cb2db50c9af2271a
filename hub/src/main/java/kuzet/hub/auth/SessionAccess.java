package kuzet.hub.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kuzet.store.StoreSettings;

/**
 * Signed-in operators with roles: a session cookie (HttpOnly, SameSite=Strict, Secure under TLS), a CSRF token
 * that every state-changing request must echo in {@code X-CSRF-Token}, and throttled sign-in.
 * Sessions live in SQLite (so a hub restart does not sign the shift out) and in memory (so checking one never blocks).
 */
public final class SessionAccess implements Access, AutoCloseable {
  public static final String COOKIE = "kuzet_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION_KEY = "kuzet.session";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OperatorService operators;
  private final OperatorStore store;
  private final AuthSettings settings;
  private final Clock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  /** When each session (by token hash) last made a request or held a live stream open: for the idle timeout. */
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final SignInThrottle throttle;

  private SessionAccess(OperatorService operators, OperatorStore store, AuthSettings settings, Clock clock) {
    this.operators = operators;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.throttle = new SignInThrottle(settings);
  }

  /**
   * Opens the operators tables in the hub's database and reloads live sessions. Blocks on JDBC:
   * call it from main before the hub starts, or use {@link #start}.
   */
  public static SessionAccess open(StoreSettings database, AuthSettings settings, Clock clock) {
    OperatorStore store = OperatorStore.open(database);
    OperatorService service = new OperatorService(store, Argon2Passwords.DEFAULT, settings, clock);
    SessionAccess access = new SessionAccess(service, store, settings, clock);
    for (Session s : store.liveSessions(clock.instant())) {
      access.sessions.put(s.tokenHash(), s);
      access.confirmed.put(s.tokenHash(), clock.instant());
    }
    return access;
  }

  @Override
  public void auditTo(kuzet.hub.audit.AuditRecorder recorder) {
    operators.auditTo(recorder);
  }

  /** How many people may sign in. Blocks on JDBC; for start-up checks. */
  public int operatorCount() {
    return operators.list().size();
  }

  /** {@link #open} on a worker thread. */
  public static Future<SessionAccess> start(Vertx vertx, StoreSettings database, AuthSettings settings, Clock clock) {
    return vertx.executeBlocking(() -> open(database, settings, clock));
  }

  @Override
  public Handler<RoutingContext> require(Role role) {
    return ctx -> {
      String hash = cookieHash(ctx);
      if (hash != null && ctx.get(SESSION_KEY) == null && unconfirmed(hash)) {
        // a session another hub opened, or one another hub may have closed: the database decides
        ctx.vertx().executeBlocking(() -> store.session(hash, clock.instant())).onComplete(r -> {
          if (r.succeeded()) {
            confirm(hash, r.result().orElse(null));
          }
          check(ctx, role, current(ctx));
        });
        return;
      }
      check(ctx, role, current(ctx));
    };
  }

  /**
   * Sessions live in the database, so a browser behind a load balancer may go to any hub. This hub believes its copy
   * of a session for {@link #CONFIRM_EVERY}, then asks the database again (a sign-out on another hub ends it here).
   */
  static final java.time.Duration CONFIRM_EVERY = java.time.Duration.ofSeconds(10);
  private final Map<String, Instant> confirmed = new ConcurrentHashMap<>();

  private boolean unconfirmed(String hash) {
    Instant at = confirmed.get(hash);
    return !sessions.containsKey(hash) || at == null || !clock.instant().isBefore(at.plus(CONFIRM_EVERY));
  }

  private void confirm(String hash, Session stored) {
    if (stored == null) {
      sessions.remove(hash);
      lastSeen.remove(hash);
      confirmed.remove(hash);
      return;
    }
    sessions.putIfAbsent(hash, stored);
    confirmed.put(hash, clock.instant());
  }

  private static String cookieHash(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null || cookie.getValue().isEmpty() ? null : sha256(cookie.getValue());
  }

  private void check(RoutingContext ctx, Role role, Session s) {
    if (s == null) {
      JsonReplies.error(ctx, 401, "sign in first");
      return;
    }
    if (!s.role().includes(role)) {
      JsonReplies.error(ctx, 403, "this needs the " + role.name().toLowerCase() + " role; '"
          + s.username() + "' is " + s.role().name().toLowerCase());
      return;
    }
    if (!SAFE.contains(ctx.request().method()) && !csrfMatches(ctx, s)) {
      JsonReplies.error(ctx, 403, "missing or wrong " + CSRF_HEADER + " header");
      return;
    }
    ctx.put(SESSION_KEY, s);
    ctx.next();
  }

  @Override
  public String principal(RoutingContext ctx) {
    Session s = current(ctx);
    return s == null ? "system" : s.username();
  }

  @Override
  public void mount(Router router) {
    new SignInRoutes(this, operators, throttle, settings, clock).mount(router);
    new OperatorRoutes(this, operators, throttle, clock).mount(router);
  }

  @Override
  public void close() {
    store.close();
  }

  /** The caller's live session, or null. */
  Session current(RoutingContext ctx) {
    Session cached = ctx.get(SESSION_KEY);
    if (cached != null) {
      return cached;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null || cookie.getValue().isEmpty()) {
      return null;
    }
    Session s = sessions.get(sha256(cookie.getValue()));
    return s != null && stillLive(ctx.vertx(), s) ? s : null;
  }

  @Override
  public Object sessionOf(RoutingContext ctx) {
    return current(ctx);
  }

  @Override
  public boolean stillSignedIn(Vertx vertx, Object session) {
    return session instanceof Session s && sessions.get(s.tokenHash()) == s && stillLive(vertx, s);
  }

  /** Ends the session when it expired or sat idle too long; otherwise counts this as activity. */
  private boolean stillLive(Vertx vertx, Session s) {
    Instant now = clock.instant();
    Instant seen = lastSeen.getOrDefault(s.tokenHash(), now);
    if (s.expired(now) || !now.isBefore(seen.plus(settings.idleTimeout()))) {
      sessions.remove(s.tokenHash());
      lastSeen.remove(s.tokenHash());
      vertx.executeBlocking(() -> {
        store.deleteSession(s.tokenHash());
        return null;
      });
      return false;
    }
    lastSeen.put(s.tokenHash(), now);
    return true;
  }

  /** Creates and stores a session for a signed-in operator, then sets its cookie. */
  Future<Session> open(RoutingContext ctx, Operator op) {
    String token = randomToken();
    Session s = new Session(sha256(token), op.username(), op.role(), randomToken(), clock.instant(),
        clock.instant().plus(settings.sessionTtl()));
    // map, not onSuccess: the caller's reply must come after the cookie. Two listeners on one future run
    // in either order when it completes on the worker between their registrations, and then the sign-in
    // answered 200 without its cookie (seen once in CI).
    return ctx.vertx().executeBlocking(() -> {
      store.saveSession(s);
      return s;
    }).map(saved -> {
      sessions.put(saved.tokenHash(), saved);
      lastSeen.put(saved.tokenHash(), clock.instant());
      confirmed.put(saved.tokenHash(), clock.instant());
      ctx.response().addCookie(cookie(ctx, token, settings.sessionTtl().toSeconds()));
      return saved;
    });
  }

  Future<Void> close(RoutingContext ctx, Session s) {
    sessions.remove(s.tokenHash());
    lastSeen.remove(s.tokenHash());
    ctx.response().addCookie(cookie(ctx, "", 0));
    return ctx.vertx().executeBlocking(() -> {
      store.deleteSession(s.tokenHash());
      return null;
    });
  }

  /** Drops an operator's sessions from memory after the store dropped them (role or password changed, removed). */
  void forget(String username) {
    sessions.values().removeIf(s -> s.username().equals(username));
    lastSeen.keySet().retainAll(sessions.keySet());
  }

  private Cookie cookie(RoutingContext ctx, String value, long maxAgeS) {
    return Cookie.cookie(COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(settings.forceSecureCookie() || ctx.request().isSSL())
        .setMaxAge(maxAgeS);
  }

  private static boolean csrfMatches(RoutingContext ctx, Session s) {
    String sent = ctx.request().getHeader(CSRF_HEADER);
    return sent != null && MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
