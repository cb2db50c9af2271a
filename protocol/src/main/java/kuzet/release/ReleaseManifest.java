package kuzet.release;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a signed release holds: its version, when it was made, and every file with its size and SHA-256. The signature
 * covers this manifest's exact bytes, so a file whose hash matches is as trusted as the signature.
 */
public record ReleaseManifest(
    @JsonProperty(required = true) ReleaseVersion version,
    @JsonProperty(required = true) Instant createdAt,
    @JsonProperty(required = true) String mainJar,
    @JsonProperty(required = true) List<FileEntry> files) {
  /** Relative paths of plain names: no {@code ..}, no leading slash, nothing a zip could use to escape. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.+-]{1,128}(/[A-Za-z0-9_.+-]{1,128}){0,3}");
  static final int MAX_FILES = 500;

  public ReleaseManifest {
    if (version == null || createdAt == null || mainJar == null || files == null) {
      throw new IllegalArgumentException("a release manifest needs version, createdAt, mainJar and files");
    }
    if (files.isEmpty() || files.size() > MAX_FILES) {
      throw new IllegalArgumentException("a release holds 1 to " + MAX_FILES + " files, not " + files.size());
    }
    files = List.copyOf(files);
    var seen = new HashSet<String>();
    for (FileEntry f : files) {
      if (!seen.add(f.path())) {
        throw new IllegalArgumentException("file '" + f.path() + "' is listed twice");
      }
    }
    if (!seen.contains(mainJar)) {
      throw new IllegalArgumentException("mainJar '" + mainJar + "' is not one of the release's files");
    }
  }

  /** One file of the release, relative to the version's directory. */
  public record FileEntry(
      @JsonProperty(required = true) String path,
      @JsonProperty(required = true) long size,
      @JsonProperty(required = true) String sha256) {
    public FileEntry {
      if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
        throw new IllegalArgumentException("file path '" + path + "' is not a plain relative path");
      }
      if (size < 0) {
        throw new IllegalArgumentException("file '" + path + "' has a negative size");
      }
      if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("file '" + path + "' has no valid sha256 (64 lower-case hex digits)");
      }
    }
  }
}
