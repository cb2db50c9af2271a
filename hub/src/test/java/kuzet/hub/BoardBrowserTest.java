package kuzet.hub;

import kuzet.store.StoreSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.hub.auth.Role;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.auth.OperatorStore;
import kuzet.hub.config.ConfigSource;
import kuzet.hub.config.HubConfig;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.registry.JdbcPostRegistry;
import kuzet.protocol.Birth;
import kuzet.protocol.Channel;
import kuzet.protocol.Command;
import kuzet.protocol.CommandAck;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.Message;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import kuzet.protocol.testing.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board in a real Chromium against a running hub with its embedded broker: posts on the list and the map,
 * a PANIC published through the broker showing up live, acknowledging it, and what a viewer may not do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardBrowserTest {
  static final String OPERATOR_PW = "duty-operator-pass";
  static final String VIEWER_PW = "duty-viewer-pass-1";
  static final List<RegisteredPost> POSTS = List.of(
      post("alatau-001", "Алатау-1", "Алатауский", 43.2400, 76.8500),
      post("alatau-002", "Алатау-2", "Алатауский", 43.2550, 76.8700),
      post("bostandyk-001", "Бостандык-1", "Бостандыкский", 43.2100, 76.9200),
      post("medeu-001", "Медеу-1", "Медеуский", 43.2600, 76.9600));
  /** The demo's pilot fleet beside them (those whose ids the four above do not already take): a full board. */
  static final List<RegisteredPost> PILOT = kuzet.protocol.PilotFleet.posts().stream()
      .filter(p -> POSTS.stream().noneMatch(q -> q.id().equals(p.id())))
      .map(p -> new RegisteredPost(p.id(), PostType.fromId(p.type()), p.name(), p.district(), p.latitude(), p.longitude(),
          Instant.parse("2026-11-01T00:00:00Z"), null, null, null)).toList();
  static final int ALL = POSTS.size() + PILOT.size();

  @TempDir
  static Path dir;
  static HubConfig cfg;
  static SessionAccess access;
  static HubApplication hub;
  static String base;
  static MqttClient postSide;
  static final ProtocolCodec CODEC = ProtocolCodec.defaults();
  static final List<Command> COMMANDS_TO_POST = new CopyOnWriteArrayList<>();
  static final java.util.concurrent.atomic.AtomicLong SEQ = new java.util.concurrent.atomic.AtomicLong();
  static final java.util.concurrent.ExecutorService AGENT = java.util.concurrent.Executors.newSingleThreadExecutor();

  @BeforeAll
  static void startHub() throws Exception {
    Path data = dir.resolve("data");
    Path db = data.resolve("hub.db");
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(StoreSettings.sqlite(db))) {
      registry.registerAll(POSTS);
      registry.registerAll(PILOT);
    }
    try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(db))) {
      OperatorService ops = new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC());
      ops.create("test", "duty1", Role.OPERATOR, OPERATOR_PW);
      ops.create("test", "watch1", Role.VIEWER, VIEWER_PW);
    }
    // the board is under test, not the broker's device lock-down (HubLockdownEndToEndTest covers that)
    cfg = HubConfig.from(ConfigSource.of(Map.of("hub.dataDir", data.toString(), "broker.auth", "none",
        "http.port", Integer.toString(MosquittoBroker.freePort()), "broker.embedded.port", Integer.toString(MosquittoBroker.freePort())), Map.of()));
    launchHub();
    for (RegisteredPost p : POSTS) {
      if (!p.id().value().startsWith("medeu")) {
        publish(Birth.builder().postId(p.id()).ts(Instant.now()).bootId("boot-1").seq(SEQ.incrementAndGet())
            .agentVersion("0.1.0").hardwareProfile("pi4-standard").hubReachable(true).build(), true);
        publish(new Telemetry(p.id(), Instant.now(), "boot-1", SEQ.incrementAndGet(),
            new Readings(-4.5, 71.0, 12.7, true, false, false, false, true, false, false, 0)), false);
      }
    }
    // a second sample, so the post detail has a line to chart
    publish(new Telemetry(PostId.of("alatau-001"), Instant.now().plusMillis(500), "boot-1", SEQ.incrementAndGet(),
        new Readings(-3.0, 69.0, 12.6, true, false, false, false, true, false, false, 0)), false);
  }

  /** Starts the hub on the fixed ports (so a restarted hub is where the page expects it) and connects the posts' side. */
  static void launchHub() throws Exception {
    access = SessionAccess.open(cfg.store(), AuthSettings.DEFAULT, Clock.systemUTC());
    hub = new HubApplication(cfg, Clock.systemUTC(), new HubWiring.DiscardingTelemetry(), access, registry -> null).start();
    base = "http://127.0.0.1:" + hub.httpPort();
    // telemetry is not retained: publish it only once the hub listens
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(hub::brokerConnected);

    postSide = new MqttClient(cfg.broker().url(), "test-posts", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    postSide.connect(options);
    // the (String, int, listener) overload recurses forever in Paho 1.2.5; the array form does not
    postSide.subscribe(new MqttSubscription[] {
        new MqttSubscription(CODEC.topics().topic(PostId.of("alatau-001"), Channel.COMMANDS), 1)},
        new IMqttMessageListener[] {(topic, msg) -> {
          Message m = CODEC.decode(topic, msg.getPayload());
          if (m instanceof Command c) {
            COMMANDS_TO_POST.add(c);
            // answer like an agent; not from Paho's callback thread, where a QoS 1 publish would block
            AGENT.execute(() -> {
              try {
                publish(new CommandAck(c.postId(), Instant.now(), "boot-1", SEQ.incrementAndGet(), c.commandId(), true, null, Map.of()), false);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
          }
        }});
  }

  @AfterAll
  static void stopHub() throws Exception {
    AGENT.shutdownNow();
    if (postSide != null) {
      postSide.disconnect();
      postSide.close();
    }
    if (hub != null) {
      hub.close();
      access.close();
    }
  }

  @Test
  @Order(1)
  @SuppressWarnings("unchecked")
  void anOperatorSignsInAndSeesTheRegisteredPostsOnTheListAndTheMap() throws Exception {
    try (Chromium browser = new Chromium(dir.resolve("profile-list"))) {
      signInToTheFullBoard(browser);
      for (RegisteredPost p : POSTS) {
        assertThat(browser.read("#post-rows tr[data-post-id='" + p.id().value() + "']").text())
            .contains(p.name()).contains(p.district());
        // on the map as a pin of its own (textContent: a hidden label still carries the name) or inside a cluster
        assertThat(browser.script(ON_MAP, p.id().value())).as(p.id().value()).isIn(p.name(), "in a cluster");
      }
      browser.waitUpTo(Duration.ofSeconds(10)).until(d ->
          browser.read("#post-rows tr[data-post-id='alatau-002'] .status").text().contains("В сети"));
      assertThat(browser.read("#post-rows tr[data-post-id='alatau-002']").text()).contains("-4.5 °C").contains("12.7 V");
      assertThat((List<Object>) browser.script("return [...document.querySelectorAll('.district-label')].map(e => e.innerText)"))
          .contains("АЛАТАУСКИЙ", "БОСТАНДЫКСКИЙ", "МЕДЕУСКИЙ");
      assertThat(browser.find("#map-notice").isDisplayed()).as("tiles off: plain background notice").isTrue();
      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.read("#hubs").text().contains("основной"));
      assertThat(browser.read("#hubs").text()).as("which hubs are up").startsWith("Хабы: ");
      browser.screenshot("01-board-operator");

      browser.click(".topbar [data-lang-switch]");
      assertThat(browser.read("#alerts-title").text()).startsWith("Дабылдар кезегі");
      assertThat(browser.read("#post-rows tr[data-post-id='alatau-001'] .status").text()).contains("Желіде");
      browser.click(".topbar [data-lang-switch]");
      assertThat(browser.read("#alerts-title").text()).startsWith("Alert queue");
      assertThat(browser.read("#post-rows tr[data-post-id='alatau-001'] .status").text()).contains("Online");
      browser.click(".topbar [data-lang-switch]");
      assertThat(browser.read("#alerts-title").text()).startsWith("Очередь тревог");
      assertThat(browser.consoleErrors()).as("script errors or CSP violations").isEmpty();
    }
  }

  @Test
  @Order(2)
  void aPanicAppearsWithinTwoSecondsAndAcknowledgingItReachesThePost() throws Exception {
    try (Chromium browser = new Chromium(dir.resolve("profile-panic"))) {
      signInToTheFullBoard(browser);
      browser.click("#start-shift");
      browser.script("window.__sameDocument = true;");

      // The page itself notes when the alert is drawn, so WebDriver's polling on a loaded machine is not counted
      // as the board's delay (the browser and this test read the same wall clock).
      browser.script("window.__panicDrawnAt = null; new MutationObserver(() => {"
          + " if (window.__panicDrawnAt === null && document.querySelector(\"#alert-list li[data-type='PANIC']\"))"
          + " window.__panicDrawnAt = Date.now(); }).observe(document.body, {childList: true, subtree: true});");
      UUID incident = UUID.randomUUID();
      long published = System.currentTimeMillis();
      publish(new Event(PostId.of("alatau-001"), Instant.now(), "boot-1", SEQ.incrementAndGet(), UUID.randomUUID(), EventKind.PANIC,
          incident, Map.of()), false);
      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> !browser.findAll("#alert-list li[data-type='PANIC']").isEmpty());
      long shownMs = ((Number) browser.script("return window.__panicDrawnAt")).longValue() - published;
      assertThat(shownMs).as("PANIC published -> drawn on the board (ms)").isBetween(0L, 1999L);
      System.out.println("PANIC published -> on the board in " + shownMs + " ms");
      assertThat(browser.script("return window.__sameDocument === true")).as("no reload").isEqualTo(true);

      Chromium.Seen alert = browser.read("#alert-list li[data-type='PANIC']");
      assertThat(alert.state()).isEqualTo("OPEN");
      assertThat(alert.cls()).contains("flash");
      assertThat(alert.text()).contains("ТРЕВОЖНАЯ КНОПКА").contains("Алатау-1");
      assertThat(alert.buttons()).contains("ack", "dispatch", "resolve");
      assertThat(browser.read("#announcer").text()).contains("Алатау-1");
      browser.screenshot("02-board-panic");

      browser.click("#alert-list li[data-type='PANIC'] button[data-action='ack']");
      browser.waitUpTo(Duration.ofSeconds(5)).until(d ->
          !browser.findAll("#alert-list li[data-type='PANIC'][data-state='ACKNOWLEDGED']").isEmpty());
      Chromium.Seen acked = browser.read("#alert-list li[data-type='PANIC']");
      assertThat(acked.cls()).doesNotContain("flash");
      assertThat(acked.text()).contains("Подтверждена").contains("duty1");
      assertThat(acked.buttons()).doesNotContain("ack");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> COMMANDS_TO_POST.stream()
          .anyMatch(c -> c.name() == CommandName.PANIC_ACK && incident.equals(c.incidentId())));
      browser.screenshot("03-board-acknowledged");

      browser.click("#post-rows tr[data-post-id='alatau-001'] button");
      browser.waitUpTo(Duration.ofSeconds(5)).until(d -> browser.find("#detail").isDisplayed()
          && !browser.findAll("#detail .timeline li").isEmpty());
      assertThat(browser.read("#detail .timeline").text()).contains("Нажата тревожная кнопка");
      assertThat(browser.findAll("#detail .chart canvas")).as("uPlot charts of the readings").isNotEmpty();
      browser.screenshot("04-post-detail");

      browser.click("#detail button.close");
      browser.click("#alert-list li[data-type='PANIC'] button[data-action='resolve']");
      browser.click("#resolve-form button[type=submit]");
      assertThat(browser.read("#resolve-error").text()).as("a note is required").contains("заметку");
      browser.find("#resolve-note").sendKeys("Ложное срабатывание, проверено нарядом 12");
      browser.click("#resolve-form button[type=submit]");
      browser.waitUpTo(Duration.ofSeconds(5)).until(d -> browser.findAll("#alert-list li[data-type='PANIC']").isEmpty());
      assertThat(browser.consoleErrors()).as("script errors or CSP violations").isEmpty();
    }
  }

  @Test
  @Order(3)
  void aViewerIsNotOfferedAcknowledgeAndTheApiRefusesIt() throws Exception {
    publish(new Event(PostId.of("alatau-002"), Instant.now(), "boot-1", SEQ.incrementAndGet(), UUID.randomUUID(), EventKind.PANIC,
        UUID.randomUUID(), Map.of()), false);
    try (Chromium browser = new Chromium(dir.resolve("profile-viewer"))) {
      browser.signIn(base, "watch1", VIEWER_PW);
      browser.waitUpTo(Duration.ofSeconds(10)).until(d ->
          !browser.findAll("#alert-list li[data-type='PANIC'][data-state='OPEN']").isEmpty());
      Chromium.Seen open = browser.read("#alert-list li[data-type='PANIC'][data-state='OPEN']");
      assertThat(open.buttons()).doesNotContain("ack", "dispatch", "resolve");
      assertThat(open.text()).doesNotContain("Подтвердить");
      assertThat(browser.findAll("button[data-action]")).isEmpty();
      String alertId = (String) browser.script(
          "return document.querySelector(\"#alert-list li[data-type='PANIC'][data-state='OPEN']\").dataset.alertId");

      Object status = browser.driver.executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          fetch('/api/session').then(r => r.json()).then(me =>
            fetch('/api/alerts/' + arguments[0] + '/ack', {method: 'POST',
              headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken}, body: '{}'}))
            .then(r => done(r.status), e => done(String(e)));""", alertId);
      assertThat(status).isEqualTo(403L);
      browser.screenshot("05-board-viewer");
    }
  }

  @Test
  @Order(4)
  void afterAHubRestartTheBoardSaysTheConnectionIsLostAndThenReconnectsByItself() throws Exception {
    try (Chromium browser = new Chromium(dir.resolve("profile-restart"))) {
      signInToTheFullBoard(browser);
      browser.script("window.__sameDocument = true;");

      postSide.disconnect();
      postSide.close();
      hub.close();
      access.close();
      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.find("#banner-connection").isDisplayed());
      assertThat(browser.read("#banner-connection").text()).contains("Связь с хабом потеряна");
      browser.screenshot("06-connection-lost");

      launchHub();
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> !browser.find("#banner-connection").isDisplayed());
      publish(new Event(PostId.of("bostandyk-001"), Instant.now(), "boot-1", SEQ.incrementAndGet(), UUID.randomUUID(), EventKind.PANIC,
          UUID.randomUUID(), Map.of()), false);
      browser.waitUpTo(Duration.ofSeconds(5)).until(d ->
          browser.read("#alert-list").text().contains("Бостандык-1"));
      assertThat(browser.script("return window.__sameDocument === true")).as("no reload, same session").isEqualTo(true);
    }
  }

  /** How a post is on the map: its pin's label text, "in a cluster" (named in a cluster's list), or null. */
  static final String ON_MAP = """
      const pin = document.querySelector(`.leaflet-marker-pane .post-pin[data-post-id='${arguments[0]}'] .pin-label`);
      if (pin) return pin.textContent;
      return [...document.querySelectorAll('.leaflet-marker-pane .post-cluster [data-post-ids]')]
        .some(c => c.dataset.postIds.split(' ').includes(arguments[0])) ? 'in a cluster' : null;""";
  /**
   * Pairs of shown map labels whose screen rectangles intersect each other or a cluster, how many labels and clusters
   * are shown, and how many posts the pins and clusters account for together.
   */
  static final String LABEL_OVERLAPS = """
      const shown = [...document.querySelectorAll('.leaflet-marker-pane .pin-label')]
        .filter(l => getComputedStyle(l).visibility !== 'hidden' && l.textContent)
        .map(l => ({name: l.textContent, r: l.getBoundingClientRect()}));
      const clusters = [...document.querySelectorAll('.leaflet-marker-pane .post-cluster')]
        .map(c => ({name: 'cluster of ' + c.innerText, r: c.getBoundingClientRect()}));
      const hits = [];
      const meet = (a, b) => a.r.left < b.r.right && a.r.right > b.r.left && a.r.top < b.r.bottom && a.r.bottom > b.r.top;
      shown.forEach((a, i) => shown.slice(i + 1).concat(clusters).forEach(b => { if (meet(a, b)) hits.push(a.name + ' / ' + b.name); }));
      const posts = document.querySelectorAll('.leaflet-marker-pane .post-pin').length
        + clusters.reduce((n, c) => n + Number(c.name.replace('cluster of ', '')), 0);
      return {shown: shown.length, clusters: clusters.length, posts, hits};""";
  /** Any code the board should have translated: an alert type, event kind or i18n key shown as it is. */
  static final java.util.regex.Pattern RAW = java.util.regex.Pattern.compile(
      "\\b(?:[A-Z]+_[A-Z_]+|(?:type|ev|sev|state|status|role|sup)_[A-Za-z_]+)\\b");

  @Test
  @Order(5)
  @SuppressWarnings("unchecked")
  void inEveryLanguageAndAtBothScreenSizesNoRawCodeNoOverlappingLabelsAndAPanicSoundsUntilAcknowledged() throws Exception {
    try (Chromium browser = new Chromium(dir.resolve("profile-pilot"))) {
      signInToTheFullBoard(browser);
      browser.click("#start-shift");
      // every beep is three oscillators: count them where the page makes them
      browser.script("window.__beeps = 0; const make = AudioContext.prototype.createOscillator;"
          + " AudioContext.prototype.createOscillator = function () { window.__beeps += 1; return make.call(this); };");
      publish(new Event(PostId.of("alatau-010"), Instant.now(), "boot-1", SEQ.incrementAndGet(), UUID.randomUUID(),
          EventKind.PANIC, UUID.randomUUID(), Map.of()), false);
      browser.waitUpTo(Duration.ofSeconds(5)).until(d ->
          !browser.findAll("#alert-list li[data-type='PANIC'][data-state='OPEN']").isEmpty());
      browser.waitUpTo(Duration.ofSeconds(6)).until(d -> ((Number) browser.script("return window.__beeps")).intValue() >= 6);
      // a PANIC is never folded into a cluster: its pin stands on the map, red
      browser.waitUpTo(Duration.ofSeconds(5)).until(d -> "МПП-10 Ужет".equals(browser.script(ON_MAP, "alatau-010")));
      assertThat(browser.read(".leaflet-marker-pane .post-pin[data-post-id='alatau-010']").cls()).contains("status-alert");

      for (int[] size : new int[][] {{1920, 1080}, {1366, 768}}) {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
        for (String lang : List.of("ru", "kk", "en")) {
          browser.waitUpTo(Duration.ofSeconds(5)).until(d -> lang.equals(browser.script("return document.documentElement.lang")));
          browser.waitUpTo(Duration.ofSeconds(5)).until(d ->
              ((List<String>) ((Map<String, Object>) browser.script(LABEL_OVERLAPS)).get("hits")).isEmpty());
          Map<String, Object> labels = (Map<String, Object>) browser.script(LABEL_OVERLAPS);
          assertThat(((Number) labels.get("shown")).intValue()).as("labels shown at %sx%s", size[0], size[1]).isPositive();
          assertThat(((Number) labels.get("clusters")).intValue()).as("clusters at %sx%s", size[0], size[1]).isPositive();
          assertThat(((Number) labels.get("posts")).intValue()).as("every post a pin or in a cluster").isEqualTo(ALL);
          String text = (String) browser.script("return document.body.innerText");
          assertThat(RAW.matcher(text).results().map(java.util.regex.MatchResult::group).toList())
              .as("raw codes on the board in '%s'", lang).isEmpty();
          browser.screenshot("07-pilot-" + size[0] + "x" + size[1] + "-" + lang);
          browser.click(".topbar [data-lang-switch]");
        }
      }
      // a cluster spreads when clicked: the map zooms to it and more posts stand as pins of their own
      int pinsBefore = browser.findAll(".leaflet-marker-pane .post-pin").size();
      browser.click(".leaflet-marker-pane .post-cluster");
      browser.waitUpTo(Duration.ofSeconds(5)).until(d -> browser.findAll(".leaflet-marker-pane .post-pin").size() > pinsBefore);
      browser.waitUpTo(Duration.ofSeconds(5)).until(d ->
          ((List<String>) ((Map<String, Object>) browser.script(LABEL_OVERLAPS)).get("hits")).isEmpty());
      browser.screenshot("08-pilot-cluster-spread");

      // the earlier tests left PANICs of their own open: the sound stops once every one is acknowledged
      String open = "#alert-list li[data-type='PANIC'][data-state='OPEN']";
      for (int left = browser.findAll(open).size(); left > 0; left--) {
        assertThat(((Number) browser.script("return window.__beeps")).intValue()).as("still sounding").isPositive();
        int before = left;
        browser.click(open + " button[data-action='ack']");
        browser.waitUpTo(Duration.ofSeconds(5)).until(d -> browser.findAll(open).size() < before);
      }
      long afterAck = ((Number) browser.script("return window.__beeps")).longValue();
      org.awaitility.Awaitility.await().during(Duration.ofMillis(3_200)).atMost(Duration.ofSeconds(5))
          .until(() -> ((Number) browser.script("return window.__beeps")).longValue() == afterAck);
      assertThat(browser.consoleErrors()).as("script errors or CSP violations").isEmpty();
    }
  }

  @Test
  @Order(6)
  void aPostOutsideTheViewIsCountedOnTheFitControlRedWhileInAlarmAndOneClickBringsEveryPostBack() throws Exception {
    try (Chromium browser = new Chromium(dir.resolve("profile-fit"))) {
      signInToTheFullBoard(browser);
      assertThat(browser.find(".map-fit").getAttribute("data-out")).as("the first fit shows every post").isEqualTo("0");
      assertThat(browser.find(".map-fit-count").isDisplayed()).isFalse();

      // the operator zooms right in on the middle of the fleet: a few hundred metres are left in view
      String zoomIn = ".leaflet-control-zoom-in";
      browser.waitUpTo(Duration.ofSeconds(20)).until(d -> {
        browser.find(zoomIn).click();
        return !browser.findAll(zoomIn + ".leaflet-disabled").isEmpty();
      });
      browser.waitUpTo(Duration.ofSeconds(5)).until(d ->
          Integer.parseInt(browser.find(".map-fit").getAttribute("data-out")) >= ALL - 1);
      assertThat(browser.find(".map-fit-count").getText()).isEqualTo(browser.find(".map-fit").getAttribute("data-out"));
      int alarmedBefore = Integer.parseInt(browser.find(".map-fit").getAttribute("data-alarmed"));

      publish(new Event(PostId.of("medeu-001"), Instant.now(), "boot-1", SEQ.incrementAndGet(), UUID.randomUUID(),
          EventKind.PANIC, UUID.randomUUID(), Map.of()), false);
      browser.waitUpTo(Duration.ofSeconds(5)).until(d ->
          Integer.parseInt(browser.find(".map-fit").getAttribute("data-alarmed")) == alarmedBefore + 1);
      assertThat(browser.find(".map-fit").getAttribute("class")).contains("map-fit-alarm");
      assertThat(browser.find(".map-fit").getAttribute("title")).contains("в тревоге вне карты: " + (alarmedBefore + 1));
      browser.screenshot("09-alarm-outside-the-view");

      browser.click(".map-fit");
      browser.waitUpTo(Duration.ofSeconds(5)).until(d -> "0".equals(browser.find(".map-fit").getAttribute("data-out")));
      assertThat(browser.find(".map-fit").getAttribute("class")).doesNotContain("map-fit-alarm");
      assertThat(browser.find(".map-fit-count").isDisplayed()).isFalse();
      assertThat(browser.script(ON_MAP, "medeu-001")).as("the alarm's own pin, in view").isEqualTo("Медеу-1");
      assertThat(browser.consoleErrors()).as("script errors or CSP violations").isEmpty();
    }
  }

  /** The operator signed in, every registered post on the list. */
  static void signInToTheFullBoard(Chromium browser) {
    browser.signIn(base, "duty1", OPERATOR_PW);
    browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.findAll("#post-rows tr").size() == ALL);
  }

  static void publish(PostMessage m, boolean retained) throws Exception {
    MqttMessage msg = new MqttMessage(CODEC.encode(m));
    msg.setQos(1);
    msg.setRetained(retained);
    postSide.publish(CODEC.topicFor(m), msg);
  }

  static RegisteredPost post(String id, String name, String district, double lat, double lon) {
    return new RegisteredPost(PostId.of(id), PostType.values()[0], name, district, lat, lon, Instant.parse("2026-11-01T00:00:00Z"),
        null, null, null);
  }
}
