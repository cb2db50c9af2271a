package kuzet.agent.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kuzet.release.Digests;
import kuzet.release.Refusal;
import kuzet.release.Refusal.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a release bundle into a {@code .part} file, resuming with an HTTP Range request where an earlier attempt (or
 * an earlier boot) stopped. The result is refused as TRUNCATED when the hub offers fewer bytes than announced or the
 * attempts run out short of them, and as TAMPERED when the complete file's SHA-256 is not the announced one.
 */
final class Downloader {
  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-\\d+|\\*)/(\\d+)");
  private final javax.net.ssl.SSLContext tls;
  private final Duration timeout;
  private final int attempts;
  private final Duration pause;

  /**
   * tls: trust for https (null: the JVM's); timeout bounds connecting and every read, so a link that stalls without
   * closing ends the attempt instead of hanging the update (java.net.http has no read timeout, hence
   * HttpURLConnection).
   */
  Downloader(javax.net.ssl.SSLContext tls, Duration timeout, int attempts, Duration pause) {
    this.tls = tls;
    this.timeout = timeout;
    this.attempts = attempts;
    this.pause = pause;
  }

  /** The announced download, as the UPDATE command gives it. */
  record Wanted(URI url, String token, long size, String sha256) {}

  void fetch(Wanted w, Path part) throws Refusal, InterruptedException {
    String lastProblem = "no attempt made";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      long have = size(part);
      if (have == w.size()) {
        break;
      }
      if (have > w.size()) {
        delete(part);
        have = 0;
      }
      try {
        lastProblem = once(w, part, have);
        if (lastProblem == null) {
          continue;
        }
      } catch (IOException e) {
        lastProblem = e.toString();
      }
      LOG.warn("release download attempt {} of {} stopped at {} of {} bytes: {}", attempt, attempts, size(part),
          w.size(), lastProblem);
      Thread.sleep(pause.toMillis() * attempt);
    }
    long got = size(part);
    if (got < w.size()) {
      throw new Refusal(Reason.TRUNCATED, "download ended at " + got + " of " + w.size() + " bytes after " + attempts
          + " attempts (" + lastProblem + ")");
    }
    try {
      if (!Digests.sha256(part).equals(w.sha256())) {
        delete(part);
        throw new Refusal(Reason.TAMPERED, "the downloaded bundle's sha256 is not the one the hub announced");
      }
    } catch (IOException e) {
      throw new Refusal(Reason.NOT_APPLICABLE, "cannot read the downloaded bundle: " + e.getMessage(), e);
    }
  }

  /** One request from {@code have}; null when it ran to its end, else what went wrong. */
  private String once(Wanted w, Path part, long have) throws IOException, Refusal {
    HttpURLConnection c = (HttpURLConnection) w.url().toURL().openConnection();
    if (c instanceof javax.net.ssl.HttpsURLConnection https && tls != null) {
      https.setSSLSocketFactory(tls.getSocketFactory());
    }
    c.setConnectTimeout((int) timeout.toMillis());
    c.setReadTimeout((int) timeout.toMillis());
    c.setRequestProperty("Authorization", "Bearer " + w.token());
    if (have > 0) {
      c.setRequestProperty("Range", "bytes=" + have + "-");
    }
    try {
      int status = c.getResponseCode();
      long offset;
      long total;
      if (status == 206 || status == 416) {
        Matcher m = CONTENT_RANGE.matcher(String.valueOf(c.getHeaderField("Content-Range")));
        if (!m.matches()) {
          return "status " + status + " without a usable Content-Range";
        }
        total = Long.parseLong(m.group(2));
        offset = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
      } else if (status == 200) {
        offset = 0;
        total = c.getContentLengthLong();
      } else {
        throw new Refusal(Reason.NOT_APPLICABLE, "the hub answered the download with status " + status);
      }
      if (total >= 0 && total < w.size()) {
        throw new Refusal(Reason.TRUNCATED, "the hub offers " + total + " bytes; the release announced is " + w.size());
      }
      if (offset != have) {
        delete(part);
        return "the hub answered from byte " + offset + ", not " + have + ": starting again";
      }
      try (InputStream body = c.getInputStream(); OutputStream out = Files.newOutputStream(part,
          StandardOpenOption.CREATE, offset == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
        byte[] buf = new byte[64 * 1024];
        long room = w.size() - offset;
        for (int n; room > 0 && (n = body.read(buf, 0, (int) Math.min(buf.length, room))) > 0; ) {
          out.write(buf, 0, n);
          room -= n;
        }
      }
      return size(part) == w.size() ? null : "the connection closed early";
    } finally {
      c.disconnect();
    }
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", p, e.toString());
    }
  }
}
