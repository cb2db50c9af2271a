package kuzet.hub.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.imageio.ImageIO;

/** Writes a real, small MBTiles 1.3 file the way tile tools do: metadata, and tiles with TMS rows. */
public final class MbTilesFile implements AutoCloseable {
  private final Connection c;

  private MbTilesFile(Connection c) {
    this.c = c;
  }

  public static MbTilesFile create(Path file, String format) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE metadata (name TEXT, value TEXT)");
      s.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
      s.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
    }
    MbTilesFile f = new MbTilesFile(c);
    f.metadata("name", "test city").metadata("format", format).metadata("minzoom", "0").metadata("maxzoom", "2");
    return f;
  }

  public MbTilesFile metadata(String name, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO metadata VALUES (?, ?)")) {
      s.setString(1, name);
      s.setString(2, value);
      s.executeUpdate();
    }
    return this;
  }

  /** Stores {@code data} at zoom z, column x and the TMS row (counted from the south), as the file format has it. */
  public MbTilesFile tile(int z, int x, int tmsRow, byte[] data) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO tiles VALUES (?, ?, ?, ?)")) {
      s.setInt(1, z);
      s.setInt(2, x);
      s.setInt(3, tmsRow);
      s.setBytes(4, data);
      s.executeUpdate();
    }
    return this;
  }

  /** A 256 x 256 PNG tile of one colour. */
  public static byte[] png(Color colour) throws IOException {
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 256, 256);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
