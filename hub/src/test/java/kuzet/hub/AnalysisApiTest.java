package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kuzet.hub.analysis.AnalysisTables;
import kuzet.hub.analysis.SeededHistory;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.hub.auth.OperatorStore;
import kuzet.hub.auth.Role;
import kuzet.store.Database;
import kuzet.hub.testing.SecuredHub;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis over HTTP on a signed-in hub holding the seeded history (SQLite; the numbers themselves are
 * checked on both databases by {@code AnalysisTest}): JSON, every CSV table, before and after, the PDF (parsed
 * back with PDFBox and page 1 rendered with pdftoppm), the sign-in gate, the 4xx answers, and the page in a real
 * Chromium (screenshots in target/screenshots). One hub and one seed for all of it, to keep CI short.
 */
class AnalysisApiTest {
  static final String PERIOD = "from=2026-09-01&to=2026-11-30";

  @TempDir
  static Path dir;
  static SecuredHub hub;
  static SecuredHub.Browser operator;

  @BeforeAll
  static void start() throws Exception {
    hub = SecuredHub.start(dir, Map.of("alerts.timeZone", "+05:00"), Clock.systemUTC());
    try (Database db = Database.open(hub.hub.config().store())) {
      new SeededHistory(60, 90, LocalDate.parse("2026-09-01"), ZoneOffset.ofHours(5)).write(db);
    }
    operator = hub.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  static HttpResponse<String> get(String path) {
    return hub.get(path, "Cookie", operator.cookie());
  }

  @Test
  void theAnalysisAsJsonHasTheSeededHeadline() throws Exception {
    HttpResponse<String> r = get("/api/analysis?" + PERIOD);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode a = new ObjectMapper().readTree(r.body());
    assertThat(a.at("/headline/presses").asLong()).isEqualTo(210);
    assertThat(a.at("/headline/falsePresses").asLong()).isEqualTo(90);
    assertThat(a.at("/headline/p90SecondsToAcknowledge").asLong()).isEqualTo(60);
    assertThat(a.at("/where/posts/0/postId").asText()).isEqualTo("alatau-00");
    assertThat(a.at("/when/types/0/weekdayHour/1/22").asLong()).isEqualTo(15);
    assertThat(a.at("/fast/districts/2/toDispatch/p90S").asLong()).isEqualTo(900);
    assertThat(a.at("/well/all/mainsOutMinutes").asLong()).isEqualTo(600);
  }

  @Test
  void everyTableIsServedAsCsv() throws Exception {
    for (String table : AnalysisTables.names()) {
      HttpResponse<String> r = get("/api/analysis/tables/" + table + "?" + PERIOD + "&district=Medeu");
      assertThat(r.statusCode()).as(table + ": " + r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
      assertThat(records(r.body())).as(table).isNotEmpty();
    }
    List<CSVRecord> districts = records(get("/api/analysis/tables/fast-districts?" + PERIOD).body());
    assertThat(districts).extracting(c -> c.get("district"), c -> c.get("to_acknowledge_p90_s"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("", "60"), org.assertj.core.groups.Tuple.tuple("Alatau", "60"),
            org.assertj.core.groups.Tuple.tuple("Bostandyk", "30"), org.assertj.core.groups.Tuple.tuple("Medeu", "300"));
  }

  @Test
  void beforeAndAfterComesAsJsonAndCsv() throws Exception {
    String q = "/api/analysis/compare?district=Alatau&beforeFrom=2026-09-01&beforeTo=2026-10-01"
        + "&afterFrom=2026-10-01&afterTo=2026-10-31";
    HttpResponse<String> json = get(q);
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(json.body()).contains("{\"measure\":\"presses\",\"before\":50,\"after\":45,\"change\":-5.0,\"changePct\":-10.0}");
    List<CSVRecord> csv = records(get(q + "&format=csv").body());
    // SecuredHub's own post alatau-001 was never online: 20 of Alatau's 21 posts give 97.5 % and 100 %
    assertThat(csv).filteredOn(c -> c.get("measure").equals("availabilityPct")).singleElement()
        .satisfies(c -> assertThat(List.of(c.get("before"), c.get("after"), c.get("change_pct")))
            .containsExactly("92.86", "95.24", "2.6"));
  }

  @Test
  void thePdfOpensHasThePagesTotalsAndRendersToPng() throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(hub.base() + "/api/analysis/report.pdf?" + PERIOD)).header("Cookie", operator.cookie()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/pdf");
    JsonNode headline = new ObjectMapper().readTree(get("/api/analysis?" + PERIOD).body()).get("headline");
    String text;
    try (PDDocument doc = Loader.loadPDF(r.body())) {
      assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
      text = new PDFTextStripper().getText(doc);
    }
    for (String measure : List.of("presses", "falsePresses", "medianSecondsToAcknowledge", "p90SecondsToAcknowledge",
        "availabilityPct", "mainsOutMinutes", "darkNightMinutes", "daysWithoutSelfTest")) {
      assertThat(text).as(measure).containsPattern("(?m)^" + measure + " " + headline.get(measure).asText() + "$");
    }
    assertThat(text).contains("alatau-00").contains("Medeu");
    Path pdf = Files.write(Path.of("target", "analysis-report.pdf"), r.body());
    Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
        pdf.toString(), Path.of("target", "analysis-report-page1").toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    byte[] png = Files.readAllBytes(Path.of("target", "analysis-report-page1.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(png.length).isGreaterThan(5_000);
  }

  @Test
  void withoutASessionOrAsAViewerTheAnalysisIsRefused() {
    try (OperatorStore store = OperatorStore.open(hub.hub.config().store())) {
      new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC())
          .create("test", "watch1", Role.VIEWER, "watch-password-1");
    }
    SecuredHub.Browser viewer = hub.signedIn("watch1", "watch-password-1");
    for (String path : List.of("/api/analysis?" + PERIOD, "/api/analysis/tables/where-posts?" + PERIOD,
        "/api/analysis/report.pdf?" + PERIOD, "/api/analysis/compare")) {
      assertThat(hub.get(path).statusCode()).as(path).isEqualTo(401);
      assertThat(hub.get(path, "Cookie", viewer.cookie()).statusCode()).as(path).isEqualTo(403);
    }
  }

  @Test
  void badPeriodsUnknownDistrictsPostsAndTablesAreClear4xx() throws Exception {
    Object[][] cases = {
        {"/api/analysis?to=2026-11-30", 400, "'from' is required"},
        {"/api/analysis?from=yesterday&to=2026-11-30", 400, "'from' value 'yesterday' is not a date such as 2026-11-16"},
        {"/api/analysis?from=2026-11-30&to=2026-09-01", 400, "'to' 2026-09-01 must be after 'from' 2026-11-30"},
        {"/api/analysis?from=2024-01-01&to=2026-01-01", 400, "the period must be at most 366 days, not 731"},
        {"/api/analysis?" + PERIOD + "&district=Nowhere", 400, "unknown district 'Nowhere'; the districts are: Alatau, Bostandyk, Medeu"},
        {"/api/analysis?" + PERIOD + "&posts=alatau-00,ghost-1", 400, "unknown posts: ghost-1"},
        {"/api/analysis/tables/secrets?" + PERIOD, 404, "unknown table 'secrets'; the tables are: fast-districts"},
        {"/api/analysis/compare?beforeFrom=2026-09-01&beforeTo=2026-10-01&afterFrom=2026-10-01", 400, "'to' is required"},
        {"/api/analysis/compare?beforeFrom=2026-09-01&beforeTo=2026-10-01&afterFrom=2026-10-01&afterTo=2026-10-31&format=xml",
            400, "'format' must be json or csv, not 'xml'"},
    };
    for (Object[] c : cases) {
      HttpResponse<String> r = get((String) c[0]);
      assertThat(r.statusCode()).as((String) c[0]).isEqualTo(c[1]);
      assertThat(new ObjectMapper().readTree(r.body()).get("error").asText()).as((String) c[0]).startsWith((String) c[2]);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOperatorOpensTheAnalysisFromTheBoardSeesTheMapAndMatrixAndSwitchesLanguage() throws Exception {
    assumeTrue(Chromium.available(), "needs Debian's chromium and chromium-driver (./run test installs them)");
    try (Chromium browser = new Chromium(dir.resolve("profile"))) {
      browser.signIn(hub.base(), SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> browser.find("#analysis-link").isDisplayed());
      assertThat(browser.find("#analysis-link").getText()).isEqualTo("Анализ");

      browser.driver.get(hub.base() + "/analysis.html?tiles=off&" + PERIOD);
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> browser.findAll("#matrix td[data-count]").size() == 7 * 24);
      List<Object> tuesday = (List<Object>) browser.script(
          "return [...document.querySelectorAll('#matrix tbody tr')[1].querySelectorAll('td')].map(td => td.dataset.count)");
      assertThat(tuesday.get(22)).isEqualTo("15");
      assertThat(tuesday.get(14)).isNotEqualTo("0");
      assertThat(browser.find("#headline [data-measure='presses'] dd").getText()).isEqualTo("210");
      // one circle per registered post: the seeded 60 and SecuredHub's own
      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.findAll("#analysis-map path.press-circle").size() == 61);
      // the heat layer's own canvas, painted where the presses are
      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> ((Number) browser.script(HEAT_PIXELS)).intValue() > 1_000);
      assertThat(browser.find("#analysis-map .leaflet-control-layers").getText()).contains("Тепловая карта нажатий");
      assertThat(browser.findAll("#daily-chart canvas")).isNotEmpty();
      assertThat(browser.find("#h-where").getText()).isEqualTo("Где");
      browser.screenshot("analysis-ru");

      browser.click("[data-lang='kk']");
      assertThat(browser.find("#h-where").getText()).isEqualTo("Қайда");
      assertThat(browser.find("#headline [data-measure='presses'] dt").getText()).isEqualTo("Түйме басулары");
      assertThat(browser.find("#analysis-map .leaflet-control-layers").getText()).contains("Басулардың жылу картасы");
      assertThat(((Number) browser.script(HEAT_PIXELS)).intValue()).as("still drawn after the switch").isGreaterThan(1_000);
      browser.script("document.getElementById('h-where').scrollIntoView()");
      browser.screenshot("analysis-kk-where");
      browser.click("[data-lang='en']");
      assertThat(browser.find("#h-when").getText()).isEqualTo("When");
      assertThat(browser.findAll("#matrix tbody th").get(0).getText()).isEqualTo("Mon");
      browser.script("document.getElementById('h-when').scrollIntoView()");
      browser.screenshot("analysis-en-when");
      // Chromium's performance hint about simpleheat reading its canvas back on each redraw is not a fault
      assertThat(browser.consoleErrors()).filteredOn(m -> !m.contains("willReadFrequently"))
          .as("script errors or CSP violations").isEmpty();
    }
  }

  /** Pixels the heat layer painted (not transparent), or -1 without a heat layer. */
  static final String HEAT_PIXELS = """
      const c = document.querySelector('#analysis-map canvas.leaflet-heatmap-layer');
      if (!c || !c.width) return -1;
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
      return n;""";

  static List<CSVRecord> records(String csv) throws Exception {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
  }
}
