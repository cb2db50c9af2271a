package kuzet.hub.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import kuzet.hub.audit.AuditRecorder;

/**
 * The rules for operators: sign-in with throttling, and the admin's changes (never leaving the hub without an admin).
 * Blocking: hashing and JDBC run here, so call it from a worker thread.
 */
public final class OperatorService {
  private volatile AuditRecorder audit = AuditRecorder.LOG_ONLY;

  private final OperatorStore store;
  private final Argon2Passwords passwords;
  private final Clock clock;
  private final SignInAudit signInAudit;
  /** Checked against when the username is unknown, so a wrong name takes as long as a wrong password. */
  private final String decoyHash;

  public OperatorService(OperatorStore store, Argon2Passwords passwords, AuthSettings settings, Clock clock) {
    this.store = store;
    this.passwords = passwords;
    this.clock = clock;
    this.signInAudit = new SignInAudit(() -> audit, clock);
    this.decoyHash = passwords.hash(PasswordPolicy.generate());
  }

  /** Sends sign-ins and operator changes to the hub's audit log from now on. */
  public void auditTo(AuditRecorder recorder) {
    this.audit = recorder;
  }

  /** Where sign-ins are audited (bounded: see {@link SignInAudit}). */
  SignInAudit signInAudit() {
    return signInAudit;
  }

  /**
   * Checks a password (Argon2, slow on purpose) and audits the outcome. An unknown username costs the same
   * hash against a decoy, so its answer takes as long. Throttling is the caller's ({@link SignInThrottle}).
   */
  public SignInResult signIn(String username, String password, String address) {
    Operator op = store.find(username).orElse(null);
    if (op == null) {
      passwords.verify(password, decoyHash);
      signInAudit.refused(null, address);
      return new SignInResult.Refused();
    }
    if (passwords.verify(password, op.passwordHash())) {
      signInAudit.accepted(op, address);
      return new SignInResult.Accepted(op);
    }
    signInAudit.refused(op.username(), address);
    return new SignInResult.Refused();
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
