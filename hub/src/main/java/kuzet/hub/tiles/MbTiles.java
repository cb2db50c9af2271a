package kuzet.hub.tiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.Properties;

/**
 * A raster MBTiles file (https://github.com/mapbox/mbtiles-spec, 1.x): an SQLite database whose {@code tiles} table holds
 * one image per zoom, column and row, read through the SQLite JDBC driver the store already uses, read-only. MBTiles
 * numbers rows from the south (TMS), the board's Leaflet from the north (XYZ): {@link #tile} flips the row. Every
 * call blocks on the file; callers run it off the event loop.
 */
public final class MbTiles implements AutoCloseable {
  /** Image formats Leaflet can draw as tiles, by the {@code format} value of the metadata table. */
  private static final Map<String, String> CONTENT_TYPES =
      Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp");
  public static final int MAX_ZOOM = 24;

  private final Path file;
  private final Connection connection;
  private final String contentType;
  private final OptionalInt maxZoom;

  private MbTiles(Path file, Connection connection, String contentType, OptionalInt maxZoom) {
    this.file = file;
    this.connection = connection;
    this.contentType = contentType;
    this.maxZoom = maxZoom;
  }

  /**
   * Opens the file and checks that it is MBTiles of raster tiles.
   *
   * @throws IllegalArgumentException saying what is wrong with the file, for the installer
   */
  public static MbTiles open(Path file) {
    Properties readOnly = new Properties();
    readOnly.setProperty("open_mode", "1");
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), readOnly);
    } catch (SQLException e) {
      throw new IllegalArgumentException(file + " cannot be opened as an SQLite database: " + e.getMessage());
    }
    try {
      String format = format(c, file);
      String type = CONTENT_TYPES.get(format);
      if (type == null) {
        throw new IllegalArgumentException(file + " holds '" + format + "' tiles; the board draws only png, jpg or webp"
            + " raster tiles (vector tiles, pbf, need a renderer the board does not have)");
      }
      try (PreparedStatement s = c.prepareStatement("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1")) {
        s.executeQuery().close();
      }
      return new MbTiles(file, c, type, maxZoom(c));
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the reason below is the one that matters
      }
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException(file + " is not an MBTiles file (an SQLite database with the tables metadata"
          + " and tiles): " + e.getMessage());
    }
  }

  /** From the tiles themselves: tools often leave the metadata's maxzoom at what an earlier export had. */
  private static OptionalInt maxZoom(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(zoom_level) FROM tiles");
         java.sql.ResultSet r = s.executeQuery()) {
      int z = r.next() ? r.getInt(1) : 0;
      return r.wasNull() || z < 0 || z > MAX_ZOOM ? OptionalInt.empty() : OptionalInt.of(z);
    }
  }

  /**
   * The deepest zoom the file has tiles for, if any: the board draws those tiles enlarged beyond it (Leaflet's
   * maxNativeZoom) rather than asking for tiles the file does not have and leaving the map blank.
   */
  public OptionalInt maxZoom() {
    return maxZoom;
  }

  private static String format(Connection c, Path file) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT value FROM metadata WHERE name = 'format'");
         ResultSet r = s.executeQuery()) {
      // the format row is required since MBTiles 1.1; files older than that hold PNG
      return r.next() ? r.getString(1).strip().toLowerCase(Locale.ROOT) : "png";
    }
  }

  public String contentType() {
    return contentType;
  }

  /** The tile at zoom {@code z}, column {@code x} and row {@code y} counted from the north, if the file has it. */
  public synchronized Optional<byte[]> tile(int z, int x, int y) {
    if (!exists(z, x, y)) {
      return Optional.empty();
    }
    int tmsRow = (1 << z) - 1 - y;
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?")) {
      s.setInt(1, z);
      s.setInt(2, x);
      s.setInt(3, tmsRow);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.ofNullable(r.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading tile " + z + "/" + x + "/" + y + " from " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether z/x/y names a tile of the web map at all (not whether the file has it). */
  public static boolean exists(int z, int x, int y) {
    return z >= 0 && z <= MAX_ZOOM && x >= 0 && y >= 0 && x < (1 << z) && y < (1 << z);
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a read-only connection loses nothing
    }
  }
}
