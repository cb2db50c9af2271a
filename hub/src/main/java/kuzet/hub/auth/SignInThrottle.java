package kuzet.hub.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down wrong passwords per client address, never per account: an outsider who guesses at an admin's
 * name slows only their own address, and the admin signs in from the control room as usual.
 *
 * <p>Two counters: per (address, username) the n-th wrong password makes the next try wait
 * {@code firstBackoff * 2^(n-1)}; per address (any usernames) the same starts after {@code addressFreeFailures},
 * against spraying many names. Both waits are capped at {@code maxBackoff}, and a counter quiet for twice
 * that long starts over. Unknown usernames count exactly like known ones, so the answers cannot tell them apart.
 * A try counts as wrong from the moment it starts (parallel guesses cannot slip past); a right password takes
 * its count back. In memory: a restart forgets, which costs an attacker nothing they could not get by waiting.
 */
final class SignInThrottle {
  /** Bound on remembered counters; the least recently used is forgotten first. */
  static final int MAX_ENTRIES = 20_000;
  /** Usernames are at most this long; anything longer is cut for the key (and is unknown anyway). */
  private static final int KEY_LENGTH = 64;

  private static final class Counter {
    int failures;
    Instant last;
    Instant until;
  }

  /** One sign-in in progress: call exactly one of {@link #accepted()}, {@link #cancelled()}, or nothing when refused. */
  interface Attempt {
    void accepted();

    void cancelled();
  }

  private final AuthSettings settings;
  private final Map<String, Counter> counters = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  SignInThrottle(AuthSettings settings) {
    this.settings = settings;
  }

  /** How long this address must wait before trying this username; zero when it may try now. */
  synchronized Duration waitBeforeTry(String address, String username, Instant now) {
    Duration a = wait(counter(addressKey(address), now), now);
    Duration p = wait(counter(pairKey(address, username), now), now);
    return a.compareTo(p) >= 0 ? a : p;
  }

  /** Starts a try (counted as wrong until {@link Attempt#accepted()}); empty when the caller must wait first. */
  synchronized Optional<Attempt> begin(String address, String username, Instant now) {
    if (!waitBeforeTry(address, username, now).isZero()) {
      return Optional.empty();
    }
    String pair = pairKey(address, username);
    String addr = addressKey(address);
    fail(counter(pair, now), now, 0);
    fail(counter(addr, now), now, settings.addressFreeFailures());
    return Optional.of(new Attempt() {
      @Override
      public void accepted() {
        synchronized (SignInThrottle.this) {
          counters.remove(pair);
          undo(addr);
        }
      }

      @Override
      public void cancelled() {
        synchronized (SignInThrottle.this) {
          undo(pair);
          undo(addr);
        }
      }
    });
  }

  /** The latest time any address must wait until before trying {@code username}; empty when none must. */
  synchronized Optional<Instant> blockedUntil(String username, Instant now) {
    String suffix = "|" + key(username);
    return counters.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix) && e.getValue().until != null && now.isBefore(e.getValue().until))
        .map(e -> e.getValue().until).max(Instant::compareTo);
  }

  /** An admin's unlock: every address may try {@code username} again at once. */
  synchronized void forget(String username) {
    String suffix = "|" + key(username);
    counters.keySet().removeIf(k -> k.endsWith(suffix));
  }

  private Counter counter(String key, Instant now) {
    Counter c = counters.computeIfAbsent(key, k -> new Counter());
    if (c.last != null && now.isAfter(c.last.plus(settings.maxBackoff().multipliedBy(2)))) {
      c.failures = 0;
      c.until = null;
    }
    return c;
  }

  private static Duration wait(Counter c, Instant now) {
    return c.until != null && now.isBefore(c.until) ? Duration.between(now, c.until) : Duration.ZERO;
  }

  private void fail(Counter c, Instant now, int free) {
    c.failures++;
    c.last = now;
    int over = c.failures - free;
    c.until = over > 0 ? now.plus(backoff(over)) : null;
  }

  private void undo(String key) {
    Counter c = counters.get(key);
    if (c != null && c.failures > 0) {
      c.failures--;
      c.until = null;
    }
  }

  private Duration backoff(int failures) {
    Duration d = settings.firstBackoff().multipliedBy(1L << Math.min(failures - 1, 30));
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private static String addressKey(String address) {
    return address;
  }

  private static String pairKey(String address, String username) {
    return address + "|" + key(username);
  }

  private static String key(String username) {
    return username.length() > KEY_LENGTH ? username.substring(0, KEY_LENGTH) : username;
  }
}
