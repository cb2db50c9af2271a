package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kuzet.hub.alert.AlertCatalog;
import kuzet.hub.alert.AlertKind;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.AlertTypes;
import kuzet.hub.alert.Severity;
import kuzet.hub.alert.rules.AlertingTypes;
import kuzet.hub.auth.Role;
import kuzet.protocol.EventKind;
import org.junit.jupiter.api.Test;

/**
 * The board's three languages (webroot/js/i18n.js) against each other and against what the hub can show: every
 * alert type the hub raises, every event kind, severity, state and role, and every key the board's scripts and
 * page ask for. A gap shows on the board as a raw code, so it fails here first.
 */
class BoardTranslationsTest {
  static final Pattern BLOCK = Pattern.compile("(?m)^  (\\w+): \\{$(.*?)^  },$", Pattern.DOTALL);
  static final Pattern KEY = Pattern.compile("(?m)(?:^|[{,])\\s*([A-Za-z][A-Za-z0-9_]*):\\s*'");
  static final Pattern USED = Pattern.compile("\\bt\\('([A-Za-z][A-Za-z0-9_]*)'|data-i18n=\"([A-Za-z][A-Za-z0-9_]*)\"");

  static String resource(String path) throws IOException {
    try (InputStream in = BoardTranslationsTest.class.getResourceAsStream("/webroot/" + path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Map<String, Set<String>> languages() throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Matcher b = BLOCK.matcher(resource("js/i18n.js"));
    while (b.find()) {
      Set<String> keys = new TreeSet<>();
      Matcher k = KEY.matcher(b.group(2));
      while (k.find()) {
        keys.add(k.group(1));
      }
      out.put(b.group(1), keys);
    }
    return out;
  }

  @Test
  void russianKazakhAndEnglishHaveExactlyTheSameKeys() throws IOException {
    Map<String, Set<String>> langs = languages();
    assertThat(langs.keySet()).containsExactly("ru", "kk", "en");
    assertThat(langs.get("ru")).hasSizeGreaterThan(100);
    for (String lang : langs.keySet()) {
      Set<String> missing = new TreeSet<>(langs.get("ru"));
      missing.removeAll(langs.get(lang));
      Set<String> extra = new TreeSet<>(langs.get(lang));
      extra.removeAll(langs.get("ru"));
      assertThat(missing).as("keys missing in '%s'", lang).isEmpty();
      assertThat(extra).as("keys only in '%s'", lang).isEmpty();
    }
  }

  @Test
  void everyAlertTypeTheHubCanRaiseIsRationalisedAndTranslatedInEveryLanguage() throws Exception {
    Set<String> raised = new TreeSet<>();
    for (Class<?> types : new Class<?>[] {AlertTypes.class, AlertingTypes.class}) {
      for (Field f : types.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          raised.add((String) f.get(null));
        }
      }
    }
    Set<String> catalogued = new TreeSet<>(AlertCatalog.all().stream().map(AlertKind::type).toList());
    assertThat(catalogued).as("every type the rules raise is in AlertCatalog (docs/alarms.md)").containsAll(raised);
    requireEverywhere("type_", catalogued.stream());
  }

  @Test
  void everyEventKindSeverityStateAndRoleIsTranslatedInEveryLanguage() throws IOException {
    requireEverywhere("ev_", Arrays.stream(EventKind.values()).map(Enum::name));
    requireEverywhere("sev_", Arrays.stream(Severity.values()).map(Enum::name));
    requireEverywhere("state_", Arrays.stream(AlertState.values()).map(Enum::name));
    requireEverywhere("role_", Arrays.stream(Role.values()).map(r -> r.name().toLowerCase(java.util.Locale.ROOT)));
    requireEverywhere("status_", Stream.of("online", "offline", "unknown", "alert", "warning"));
    requireEverywhere("hubRole_", Stream.of("active", "standby"));
    // agent updates: a post's state in a rollout, the reasons posts give, and a rollout's own state
    requireEverywhere("upd_", Arrays.stream(kuzet.hub.update.UpdateState.values()).map(Enum::name));
    requireEverywhere("updr_", Stream.concat(Arrays.stream(kuzet.release.Refusal.Reason.values()).map(Enum::name),
        Stream.of("PANIC_ACTIVE", "TRIAL_FAILED")));
    requireEverywhere("rol_", Stream.of(kuzet.hub.update.Rollout.RUNNING, kuzet.hub.update.Rollout.DONE,
        kuzet.hub.update.Rollout.HALTED));
  }

  @Test
  void everySettingTheHubManagesAndEveryStateOfItIsTranslatedInEveryLanguage() throws IOException {
    requireEverywhere("set_", Arrays.stream(kuzet.protocol.PostSetting.values()).map(s -> s.key().replace('.', '_')));
    requireEverywhere("cfgState_", Arrays.stream(kuzet.hub.fleet.PostConfigStatus.class.getFields())
        .filter(f -> f.getType() == String.class).map(f -> {
          try {
            return (String) f.get(null);
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }));
  }

  @Test
  void everyKeyTheBoardAsksForExists() throws IOException {
    Set<String> used = new TreeSet<>();
    for (String file : new String[] {"index.html", "js/main.js", "js/alerts.js", "js/posts.js", "js/map.js",
        "js/detail.js", "js/settings.js", "js/operators.js", "js/rollouts.js", "js/shelves.js", "js/sound.js", "js/stream.js", "supervisor.html", "js/supervisor.js"}) {
      Matcher m = USED.matcher(resource(file));
      while (m.find()) {
        used.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    assertThat(used).hasSizeGreaterThan(50);
    assertThat(languages().get("ru")).containsAll(used);
  }

  private static void requireEverywhere(String prefix, Stream<String> codes) throws IOException {
    Map<String, Set<String>> langs = languages();
    codes.forEach(code -> langs.forEach((lang, keys) ->
        assertThat(keys).as("'%s' has %s%s", lang, prefix, code).contains(prefix + code)));
  }
}
