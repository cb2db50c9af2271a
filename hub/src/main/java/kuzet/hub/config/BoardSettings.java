package kuzet.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the installer sets for the board's map ({@code board.*}): a tile server on the police network, and the
 * districts' boundaries as GeoJSON. Without either the board still places every post by its coordinates.
 */
public record BoardSettings(String tileUrl, String tileAttribution, Path districtsFile) {
  public static final long DISTRICTS_MAX_BYTES = 5L * 1024 * 1024;

  public static BoardSettings from(ConfigSource s) {
    String url = s.string(ConfigKey.BOARD_TILE_URL).strip();
    if (!url.isEmpty() && !(url.contains("{z}") && url.contains("{x}") && url.contains("{y}")
        && (url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/")))) {
      throw new ConfigException(ConfigKey.BOARD_TILE_URL.key(),
          "'" + url + "' must be an http(s) or /path URL with {z}, {x} and {y} in it");
    }
    return new BoardSettings(url, s.string(ConfigKey.BOARD_TILE_ATTRIBUTION), s.file(ConfigKey.BOARD_DISTRICTS_FILE));
  }

  /** Reads the districts file once at start-up, so a broken file stops the hub with its name, not a blank map. */
  void validate() {
    if (districtsFile == null) {
      return;
    }
    String key = ConfigKey.BOARD_DISTRICTS_FILE.key();
    try {
      if (Files.size(districtsFile) > DISTRICTS_MAX_BYTES) {
        throw new ConfigException(key, districtsFile + " is larger than 5 MiB");
      }
      JsonNode root = new ObjectMapper().readTree(districtsFile.toFile());
      if (root == null || !"FeatureCollection".equals(root.path("type").asText()) || !root.path("features").isArray()) {
        throw new ConfigException(key, districtsFile + " is not a GeoJSON FeatureCollection");
      }
    } catch (IOException e) {
      throw new ConfigException(key, districtsFile + " cannot be read as JSON: " + e.getMessage());
    }
  }
}
