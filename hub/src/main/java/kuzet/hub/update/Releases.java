package kuzet.hub.update;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kuzet.hub.audit.AuditLog;
import kuzet.release.Digests;
import kuzet.release.ReleaseBundle;
import kuzet.release.ReleaseManifest;
import kuzet.release.Refusal;

/**
 * The release bundles the hub serves, kept as {@code <dir>/<version>.kzb}. The hub reads a bundle's manifest for its
 * version but does not check the signature: it holds no key, and posts check it themselves.
 */
public final class Releases {
  private final Context context;
  private final ReleaseStore store;
  private final DownloadTokens tokens;
  private final AuditLog audit;
  private final Clock clock;
  private final Path dir;
  private final Map<String, Release> byVersion = new LinkedHashMap<>();

  public Releases(Context context, kuzet.store.Database db, AuditLog audit, Clock clock, Path dir) {
    this.context = context;
    this.store = new ReleaseStore(db);
    this.tokens = new DownloadTokens(db);
    this.audit = audit;
    this.clock = clock;
    this.dir = dir;
  }

  ReleaseStore store() {
    return store;
  }

  DownloadTokens tokens() {
    return tokens;
  }

  /**
   * An upload's file untouched for this long was cut off by a hub that died mid-upload: nothing is left to finish it.
   * Not younger ones, since another active hub may share the directory and be receiving one right now.
   */
  static final Duration ABANDONED_UPLOAD = Duration.ofHours(1);
  private static final String UPLOAD_PREFIX = "upload-";
  private static final String UPLOAD_SUFFIX = ".part";

  /** Blocking: start-up only. Removes uploads abandoned by a hub that stopped while receiving them. */
  public void load() throws IOException {
    Files.createDirectories(dir);
    store.releases().forEach(r -> byVersion.put(r.version(), r));
    Instant before = directoryNow().minus(ABANDONED_UPLOAD);
    try (var files = Files.newDirectoryStream(dir, UPLOAD_PREFIX + "*" + UPLOAD_SUFFIX)) {
      for (Path f : files) {
        if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /**
   * Now by the clock that stamps the uploads' files: on a directory shared between hubs it is the file server's, which
   * may be minutes from this hub's, and the hub's own clock may be a test's. A fresh file's time is that clock's now.
   */
  private Instant directoryNow() throws IOException {
    Path probe = Files.createTempFile(dir, "clock-", ".probe");
    try {
      return Files.getLastModifiedTime(probe).toInstant();
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** Where an upload is written before it is registered. */
  public Path incoming() throws IOException {
    return Files.createTempFile(dir, UPLOAD_PREFIX, UPLOAD_SUFFIX);
  }

  public List<Release> list() {
    return new ArrayList<>(byVersion.values());
  }

  public Optional<Release> get(String version) {
    return Optional.ofNullable(byVersion.get(version));
  }

  /**
   * Where this hub keeps a release's bundle (named by the database, which another hub may have written; a name that
   * would lead out of the directory is refused). The file is missing when the release was uploaded to another hub
   * that does not share {@code updates.dir} with this one.
   */
  public Path file(String fileName) {
    Path f = dir.resolve(fileName).normalize();
    if (!f.getParent().equals(dir.normalize())) {
      throw new IllegalArgumentException("release file name '" + fileName + "' is not a plain file name");
    }
    return f;
  }

  /**
   * Registers an uploaded bundle under its manifest's version (on a worker thread). Fails with IllegalArgumentException
   * when it is not a release bundle, IllegalStateException when the version is already there.
   */
  public Future<Release> register(Path uploaded, String by) {
    return context.owner().<Release>executeBlocking(() -> {
      try {
        ReleaseManifest m;
        try {
          m = ReleaseBundle.peek(uploaded);
        } catch (Refusal e) {
          throw new IllegalArgumentException("not a release bundle: " + e.getMessage());
        }
        String name = m.version().value() + ".kzb";
        if (Files.exists(dir.resolve(name))) {
          throw new IllegalStateException("release " + m.version() + " is already on this hub");
        }
        Release r = new Release(m.version().value(), name, Files.size(uploaded), Digests.sha256(uploaded), by,
            clock.instant());
        Files.move(uploaded, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        store.insert(r);
        return r;
      } finally {
        Files.deleteIfExists(uploaded);
      }
    }).compose(r -> {
      byVersion.put(r.version(), r);
      return audit.record(context, clock.instant(), by, "RELEASE_UPLOAD", "release " + r.version(),
          r.size() + " bytes, sha256 " + r.sha256()).map(r);
    });
  }
}
