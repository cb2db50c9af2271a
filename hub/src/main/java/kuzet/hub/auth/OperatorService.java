package kuzet.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kuzet.hub.audit.AuditRecorder;

/**
 * The rules for operators: sign-in with throttling, and the admin's changes (never leaving the hub without an admin).
 * Blocking: hashing and JDBC run here, so call it from a worker thread.
 */
public final class OperatorService {
  private volatile AuditRecorder audit = AuditRecorder.LOG_ONLY;

  private final OperatorStore store;
  private final Argon2Passwords passwords;
  private final SignInThrottle throttle;
  private final Clock clock;
  private final Map<String, Object> signInLocks = new ConcurrentHashMap<>();
  /** Checked against when the username is unknown, so a wrong name takes as long as a wrong password. */
  private final String decoyHash;

  public OperatorService(OperatorStore store, Argon2Passwords passwords, AuthSettings settings, Clock clock) {
    this.store = store;
    this.passwords = passwords;
    this.throttle = new SignInThrottle(settings);
    this.clock = clock;
    this.decoyHash = passwords.hash(PasswordPolicy.generate());
  }

  /** Sends sign-ins and operator changes to the hub's audit log from now on. */
  public void auditTo(AuditRecorder recorder) {
    this.audit = recorder;
  }

  /** Signs in, and puts the outcome in the audit log: the control room must be able to say who was on shift. */
  public SignInResult signIn(String username, String password) {
    SignInResult result = attemptSignIn(username, password);
    String target = "operator:" + username;
    if (result instanceof SignInResult.Accepted a) {
      audit.record(username, "SIGN_IN", target, "role " + a.operator().role());
    } else if (result instanceof SignInResult.Throttled t) {
      audit.record(username, "SIGN_IN_THROTTLED", target, t.locked() ? "account locked" : "retry after " + t.retryAfter().toSeconds() + " s");
    } else {
      audit.record(username, "SIGN_IN_REFUSED", target, "wrong username or password");
    }
    return result;
  }

  private SignInResult attemptSignIn(String username, String password) {
    if (store.find(username).isEmpty()) {
      passwords.verify(password, decoyHash);
      return new SignInResult.Refused();
    }
    // one attempt at a time per account, so parallel guesses cannot slip past the counter
    synchronized (signInLocks.computeIfAbsent(username, k -> new Object())) {
      Operator op = store.find(username).orElse(null);
      if (op == null) {
        return new SignInResult.Refused();
      }
      Duration wait = throttle.waitBeforeTry(op, clock.instant());
      if (!wait.isZero()) {
        return new SignInResult.Throttled(wait, throttle.isLocked(op, clock.instant()));
      }
      if (passwords.verify(password, op.passwordHash())) {
        Operator ok = op.unlocked();
        if (op.failedAttempts() > 0) {
          store.update(ok);
        }
        return new SignInResult.Accepted(ok);
      }
      Operator failed = throttle.afterFailure(op, clock.instant());
      store.update(failed);
      if (failed.lockedUntil() != null) {
        audit.record("system", "OPERATOR_LOCKED", "operator:" + username,
            "locked until " + failed.lockedUntil() + " after " + failed.failedAttempts() + " wrong passwords");
      }
      return new SignInResult.Refused();
    }
  }

  public List<Operator> list() {
    return store.all();
  }

  public Optional<Operator> find(String username) {
    return store.find(username);
  }

  /** Adds an operator; when {@code password} is null one is generated and returned, to be shown once. */
  public synchronized Created create(String by, String username, Role role, String password) {
    Operator.checkUsername(username);
    String actual = password == null ? PasswordPolicy.generate() : password;
    PasswordPolicy.check(actual);
    if (store.find(username).isPresent()) {
      throw new AuthProblem(409, "an operator named '" + username + "' already exists");
    }
    store.insert(Operator.create(username, role, passwords.hash(actual), clock.instant()));
    audit.record(by, "OPERATOR_ADDED", "operator:" + username, "role " + role);
    return new Created(store.find(username).orElseThrow(), password == null ? actual : null);
  }

  /** Changes role, password or lock; a changed role or password signs the operator out everywhere. */
  public synchronized Operator change(String by, String username, Role role, String password, boolean unlock) {
    Operator op = existing(username);
    Operator next = op;
    if (role != null && role != op.role()) {
      if (op.role() == Role.ADMIN) {
        keepAnAdmin(username);
      }
      next = next.withRole(role);
    }
    if (password != null) {
      PasswordPolicy.check(password);
      next = next.withPasswordHash(passwords.hash(password));
    }
    if (unlock) {
      next = next.unlocked();
    }
    store.update(next);
    if (role != null || password != null) {
      store.deleteSessionsOf(username);
    }
    audit.record(by, "OPERATOR_CHANGED", "operator:" + username, "role " + op.role() + " -> " + next.role()
        + ", password " + (password == null ? "kept" : "changed") + ", unlock " + unlock);
    return next;
  }

  public synchronized void delete(String by, String username) {
    Operator op = existing(username);
    if (op.role() == Role.ADMIN) {
      keepAnAdmin(username);
    }
    store.delete(username);
    audit.record(by, "OPERATOR_REMOVED", "operator:" + username, "");
  }

  private Operator existing(String username) {
    return store.find(username).orElseThrow(() -> new AuthProblem(404, "no operator named '" + username + "'"));
  }

  private void keepAnAdmin(String username) {
    if (store.countWithRole(Role.ADMIN) <= 1) {
      throw new AuthProblem(409, "'" + username + "' is the last admin; add another admin first");
    }
  }

  /** @param generatedPassword the password to show once, or null when the caller chose it */
  public record Created(Operator operator, String generatedPassword) { }
}
