package kuzet.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kuzet.registry.JdbcPostRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostsImportTest {
  @TempDir
  Path dir;

  Path data;

  @BeforeEach
  void initFleet() {
    data = dir.resolve("data");
    assertThat(CliRun.of("fleet", "init", "--data-dir", data.toString()).exit()).isZero();
  }

  CliRun importCsv(String csv, String... extra) throws Exception {
    Path file = dir.resolve("district.csv");
    Files.writeString(file, csv);
    List<String> args = new ArrayList<>(List.of("posts", "import", "--data-dir", data.toString(), "--csv",
        file.toString(), "--broker-url", "ssl://hub.example.kz:8883", "--bundles-dir", dir.resolve("bundles").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  int registered() {
    try (JdbcPostRegistry r = JdbcPostRegistry.open(kuzet.store.StoreSettings.sqlite(data.resolve("hub.db")))) {
      return r.all().size();
    }
  }

  static String rows(int n) {
    StringBuilder b = new StringBuilder("id,type,name,district,lat,lon\n");
    for (int i = 0; i < n; i++) {
      b.append(String.format("alm-%04d,%s,\"Post %d, Abay ave\",Almaly,%.5f,%.5f%n", i,
          i % 2 == 0 ? "modular-post" : "district-point", i, 43.2 + i * 0.0001, 76.9 + i * 0.0001));
    }
    return b.toString();
  }

  @Test
  void importOfFiveHundredPostsRegistersThemAllWithBundles() throws Exception {
    CliRun run = importCsv(rows(500));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Registered 500 post(s)");
    assertThat(registered()).isEqualTo(500);
    try (Stream<Path> bundles = Files.list(dir.resolve("bundles"))) {
      assertThat(bundles.filter(b -> Files.exists(b.resolve("post.key"))).count()).isEqualTo(500);
    }
  }

  @Test
  void aFileWithABadRowIsRefusedWholeWithTheLineNumberAndReason() throws Exception {
    String csv = rows(3) + "alm-0100,modular-post,Bad one,Almaly,north,76.9\n" + "alm-0101,kiosk,X,Almaly,43.2,76.9\n";
    CliRun run = importCsv(csv);
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("line 5: lat 'north' is not a number")
        .contains("line 6: post type 'kiosk' is not known").contains("nothing was imported");
    assertThat(registered()).isZero();
    assertThat(Files.exists(dir.resolve("bundles"))).isFalse();
  }

  @Test
  void skipBadRowsImportsTheGoodOnesAndStillReportsTheBadOnes() throws Exception {
    String csv = rows(3) + "BAD ID,modular-post,X,Almaly,43.2,76.9\n";
    CliRun run = importCsv(csv, "--skip-bad-rows");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("line 5: postId 'BAD ID' is not valid");
    assertThat(registered()).isEqualTo(3);
  }

  @Test
  void duplicatesInTheFileOrInTheRegistryRefuseTheWholeFile() throws Exception {
    CliRun dup = importCsv(rows(2) + "alm-0000,modular-post,Again,Almaly,43.2,76.9\n");
    assertThat(dup.exit()).isEqualTo(3);
    assertThat(dup.err()).contains("line 4: post id 'alm-0000' already appears on line 2");
    assertThat(importCsv(rows(1)).exit()).isZero();
    CliRun taken = importCsv(rows(2));
    assertThat(taken.exit()).isEqualTo(1);
    assertThat(taken.err()).contains("post 'alm-0000' is already registered");
    assertThat(registered()).isEqualTo(1);
  }

  @Test
  void brokenQuotingAndDuplicateHeadersAreReportedNotThrown() throws Exception {
    CliRun quotes = importCsv(rows(2) + "alm-0009,modular-post,\"Unclosed,Almaly,43.2,76.9\n");
    assertThat(quotes.exit()).isEqualTo(3);
    assertThat(quotes.err()).contains("malformed CSV");
    assertThat(registered()).isZero();
    CliRun header = importCsv("id,id,type,name,district,lat,lon\n");
    assertThat(header.exit()).isEqualTo(3);
    assertThat(header.err()).contains("line 1: cannot read the header");
    CliRun empty = importCsv("id,type,name,district,lat,lon\n");
    assertThat(empty.exit()).isEqualTo(3);
    assertThat(empty.err()).contains("line 1: the file has no posts");
  }

  @Test
  void headerAndFieldCountProblemsAreReported() throws Exception {
    CliRun header = importCsv("id,type,name,lat,lon\nalm-1,modular-post,X,43,76\n");
    assertThat(header.exit()).isEqualTo(3);
    assertThat(header.err()).contains("line 1: header lacks column(s) [district]");
    CliRun fields = importCsv("id,type,name,district,lat,lon\nalm-0001,modular-post,X,Almaly,43\n");
    assertThat(fields.err()).contains("line 2: has 5 fields, expected 6");
    CliRun missing = CliRun.of("posts", "import", "--data-dir", data.toString(), "--csv", dir.resolve("nope.csv").toString(),
        "--broker-url", "ssl://h:8883");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("is not a readable file");
  }
}
