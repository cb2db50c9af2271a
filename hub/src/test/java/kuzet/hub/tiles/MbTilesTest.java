package kuzet.hub.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kuzet.hub.config.ConfigSource;
import kuzet.hub.config.HubConfig;
import kuzet.hub.testing.MbTilesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MbTilesTest {
  @TempDir
  Path dir;

  @Test
  void aTileIsReadByItsNorthCountedRowFromTheFilesSouthCountedRow() throws Exception {
    Path file = dir.resolve("city.mbtiles");
    byte[] north = MbTilesFile.png(Color.BLUE);
    byte[] south = MbTilesFile.png(Color.GREEN);
    try (MbTilesFile f = MbTilesFile.create(file, "png")) {
      // zoom 1 has rows 0 and 1: TMS row 1 is the northern one, Leaflet's y = 0
      f.tile(1, 0, 1, north).tile(1, 0, 0, south);
    }
    try (MbTiles tiles = MbTiles.open(file)) {
      assertThat(tiles.contentType()).isEqualTo("image/png");
      assertThat(tiles.tile(1, 0, 0)).hasValue(north);
      assertThat(tiles.tile(1, 0, 1)).hasValue(south);
      assertThat(tiles.tile(1, 1, 0)).isEmpty();
      assertThat(tiles.tile(1, 0, 2)).as("outside the zoom's grid").isEmpty();
      assertThat(tiles.maxZoom()).as("from the tiles, not the metadata's maxzoom 2").hasValue(1);
    }
    Path empty = dir.resolve("empty.mbtiles");
    MbTilesFile.create(empty, "png").close();
    try (MbTiles tiles = MbTiles.open(empty)) {
      assertThat(tiles.maxZoom()).as("a file with no tiles yet").isEmpty();
    }
  }

  @Test
  void aFileThatIsNotRasterMbTilesIsRefusedAtStartWithTheKeyAndTheReason() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.mbtiles"), "these are not tiles, just notes\n".repeat(50));
    Path empty = dir.resolve("empty.mbtiles");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + empty)) {
      c.createStatement().execute("CREATE TABLE something (a INTEGER)");
    }
    Path vector = dir.resolve("vector.mbtiles");
    MbTilesFile.create(vector, "pbf").close();

    assertThatThrownBy(() -> config(dir.resolve("missing.mbtiles")))
        .hasMessageContaining("board.mbtilesFile").hasMessageContaining("does not exist or cannot be read");
    assertThatThrownBy(() -> config(text))
        .hasMessageContaining("board.mbtilesFile").hasMessageContaining("is not an MBTiles file");
    assertThatThrownBy(() -> config(empty))
        .hasMessageContaining("board.mbtilesFile").hasMessageContaining("is not an MBTiles file");
    assertThatThrownBy(() -> config(vector))
        .hasMessageContaining("board.mbtilesFile").hasMessageContaining("holds 'pbf' tiles");
    assertThatThrownBy(() -> HubConfig.from(ConfigSource.of(Map.of("hub.dataDir", dir.toString(),
        "board.mbtilesFile", vector.toString(), "board.tileUrl", "https://tiles.example/{z}/{x}/{y}.png"), Map.of())))
        .hasMessageContaining("not both");
  }

  private HubConfig config(Path mbtiles) {
    return HubConfig.from(ConfigSource.of(Map.of("hub.dataDir", dir.toString(), "board.mbtilesFile", mbtiles.toString()),
        Map.of()));
  }
}
