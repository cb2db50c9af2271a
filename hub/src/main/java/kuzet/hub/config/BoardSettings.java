package kuzet.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kuzet.hub.tiles.MbTiles;

/**
 * What the installer sets for the board's map ({@code board.*}): a tile server on the police network or an MBTiles
 * file the hub serves itself at {@link #MBTILES_URL}, and the districts' boundaries as GeoJSON. Without any of them the
 * board still places every post by its coordinates.
 */
public record BoardSettings(String tileUrl, String tileAttribution, Path districtsFile, Path mbtilesFile) {
  public static final long DISTRICTS_MAX_BYTES = 5L * 1024 * 1024;
  /** Where the hub serves the tiles of {@code board.mbtilesFile}, in Leaflet's URL template form. */
  public static final String MBTILES_URL = "/tiles/{z}/{x}/{y}";

  public static BoardSettings from(ConfigSource s) {
    String url = s.string(ConfigKey.BOARD_TILE_URL).strip();
    if (!url.isEmpty() && !(url.contains("{z}") && url.contains("{x}") && url.contains("{y}")
        && (url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/")))) {
      throw new ConfigException(ConfigKey.BOARD_TILE_URL.key(),
          "'" + url + "' must be an http(s) or /path URL with {z}, {x} and {y} in it");
    }
    Path mbtiles = s.file(ConfigKey.BOARD_MBTILES_FILE);
    if (mbtiles != null && !url.isEmpty()) {
      throw new ConfigException(ConfigKey.BOARD_MBTILES_FILE.key(),
          "set either board.tileUrl (a tile server) or board.mbtilesFile (tiles the hub serves), not both");
    }
    return new BoardSettings(mbtiles != null ? MBTILES_URL : url, s.string(ConfigKey.BOARD_TILE_ATTRIBUTION),
        s.file(ConfigKey.BOARD_DISTRICTS_FILE), mbtiles);
  }

  /** Reads the districts file once at start-up, so a broken file stops the hub with its name, not a blank map. */
  void validate() {
    if (mbtilesFile != null) {
      // opened once at start-up, so a wrong file stops the hub with its name instead of leaving the map blank
      try (MbTiles tiles = MbTiles.open(mbtilesFile)) {
        tiles.contentType();
      } catch (IllegalArgumentException e) {
        throw new ConfigException(ConfigKey.BOARD_MBTILES_FILE.key(), e.getMessage());
      }
    }
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
