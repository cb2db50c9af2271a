package kuzet.hub.audit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the secrets out of URLs before they reach the audit log or a log line: webhook services put their tokens in
 * the path ({@code /services/T0/B0/XXXX}), the query ({@code ?token=..}) or the user info. What stays is the scheme,
 * host and port, and a short fingerprint of the whole URL, so the trail still shows which service was used and that
 * the URL changed.
 */
public final class SecretUrls {
  private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s,}\\]\"'<>]+");

  private SecretUrls() {}

  /** {@code text} with every http(s) URL in it redacted. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = URL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(redactOne(m.group())));
    }
    return m.appendTail(out).toString();
  }

  private static String redactOne(String url) {
    String fingerprint = "(redacted " + fingerprint(url) + ")";
    try {
      URI u = URI.create(url);
      if (u.getHost() == null) {
        return u.getScheme() + "://" + fingerprint;
      }
      boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
          && u.getRawQuery() == null && u.getRawUserInfo() == null && u.getRawFragment() == null;
      String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
      return bare ? origin + (u.getRawPath() == null ? "" : u.getRawPath()) : origin + "/" + fingerprint;
    } catch (IllegalArgumentException notAUri) {
      return "(redacted URL " + fingerprint + ")";
    }
  }

  private static String fingerprint(String url) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
