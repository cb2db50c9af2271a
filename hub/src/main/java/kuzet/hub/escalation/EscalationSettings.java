package kuzet.hub.escalation;

import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kuzet.hub.alert.Severity;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.ConfigSource;

/** The escalation chains per severity, the targets' channels, webhook retries and SMTP, checked at start. */
public record EscalationSettings(Map<Severity, EscalationChain> chains, Map<String, Target> targets,
                                 WebhookChannel.Retry webhook, MailConfig smtp, String mailFrom) {
  static final String NOTIFY = "notify.";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+");

  public static EscalationSettings from(ConfigSource s) {
    Map<Severity, EscalationChain> chains = new EnumMap<>(Severity.class);
    chains.put(Severity.CRITICAL, chain(s, ConfigKey.ESCALATION_CRITICAL_STEPS, ConfigKey.ESCALATION_CRITICAL_REMINDER_S));
    chains.put(Severity.MAJOR, chain(s, ConfigKey.ESCALATION_MAJOR_STEPS, ConfigKey.ESCALATION_MAJOR_REMINDER_S));
    chains.put(Severity.MINOR, chain(s, ConfigKey.ESCALATION_MINOR_STEPS, ConfigKey.ESCALATION_MINOR_REMINDER_S));
    Map<String, URI> hooks = new HashMap<>();
    Map<String, List<String>> mails = new HashMap<>();
    s.startingWith(NOTIFY).forEach((key, value) -> {
      String rest = key.substring(NOTIFY.length());
      int dot = rest.lastIndexOf('.');
      String target = dot < 0 ? "" : rest.substring(0, dot);
      String channel = rest.substring(dot + 1);
      if (!EscalationChain.TARGET.matcher(target).matches()) {
        throw new ConfigException(key, "'" + target + "' is not a target name (lower-case letters, digits and '-')");
      }
      switch (channel) {
        case "webhook" -> hooks.put(target, url(key, value.trim()));
        case "email" -> mails.put(target, emails(key, value));
        default -> throw new ConfigException(key, "'" + channel + "' is not a channel: use notify.<target>.webhook or notify.<target>.email");
      }
    });
    Map<String, Target> targets = new HashMap<>();
    chains.values().forEach(c -> c.steps().forEach(step -> targets.put(step.target(),
        new Target(step.target(), hooks.get(step.target()), mails.getOrDefault(step.target(), List.of())))));
    for (String named : concat(hooks.keySet(), mails.keySet())) {
      if (!targets.containsKey(named)) {
        throw new ConfigException(NOTIFY + named, "target '" + named + "' is in no escalation chain (escalation.*.steps)");
      }
    }
    int initialMs = s.integer(ConfigKey.WEBHOOK_RETRY_INITIAL_MS, 1, 3_600_000);
    int maxMs = s.integer(ConfigKey.WEBHOOK_RETRY_MAX_MS, 1, 3_600_000);
    if (maxMs < initialMs) {
      throw new ConfigException(ConfigKey.WEBHOOK_RETRY_MAX_MS.key(), "must not be below "
          + ConfigKey.WEBHOOK_RETRY_INITIAL_MS.key() + " (" + initialMs + "), got " + maxMs);
    }
    WebhookChannel.Retry retry = new WebhookChannel.Retry(s.integer(ConfigKey.WEBHOOK_MAX_ATTEMPTS, 1, 1000),
        Duration.ofMillis(initialMs), Duration.ofMillis(maxMs),
        Duration.ofMillis(s.integer(ConfigKey.WEBHOOK_TIMEOUT_MS, 100, 600_000)));
    return new EscalationSettings(chains, targets, retry, smtp(s, mails), s.string(ConfigKey.SMTP_FROM));
  }

  private static List<String> concat(java.util.Set<String> a, java.util.Set<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static EscalationChain chain(ConfigSource s, ConfigKey steps, ConfigKey reminder) {
    Duration r = Duration.ofSeconds(s.integer(reminder, 0, 86_400));
    try {
      return EscalationChain.parse(s.string(steps), r);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(steps.key(), e.getMessage());
    }
  }

  private static URI url(String key, String value) {
    try {
      URI u = new URI(value);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new ConfigException(key, "'" + value + "' must be an http:// or https:// URL with a host");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(key, "'" + value + "' is not a URL: " + e.getMessage());
    }
  }

  private static List<String> emails(String key, String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String e = part.trim();
      if (!EMAIL.matcher(e).matches()) {
        throw new ConfigException(key, "'" + e + "' is not an e-mail address");
      }
      out.add(e);
    }
    return out;
  }

  private static MailConfig smtp(ConfigSource s, Map<String, List<String>> mails) {
    String host = s.string(ConfigKey.SMTP_HOST).trim();
    if (host.isEmpty()) {
      if (!mails.isEmpty()) {
        throw new ConfigException(NOTIFY + mails.keySet().iterator().next() + ".email", "needs smtp.host to be set");
      }
      return null;
    }
    StartTLSOptions tls;
    try {
      tls = StartTLSOptions.valueOf(s.string(ConfigKey.SMTP_STARTTLS).trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.SMTP_STARTTLS.key(), "'" + s.string(ConfigKey.SMTP_STARTTLS) + "' is not DISABLED, OPTIONAL or REQUIRED");
    }
    if (!EMAIL.matcher(s.string(ConfigKey.SMTP_FROM).trim()).matches()) {
      throw new ConfigException(ConfigKey.SMTP_FROM.key(), "'" + s.string(ConfigKey.SMTP_FROM) + "' is not an e-mail address");
    }
    MailConfig c = new MailConfig().setHostname(host).setPort(s.integer(ConfigKey.SMTP_PORT, 1, 65535)).setStarttls(tls);
    if (!s.string(ConfigKey.SMTP_USERNAME).isEmpty()) {
      c.setUsername(s.string(ConfigKey.SMTP_USERNAME)).setPassword(s.string(ConfigKey.SMTP_PASSWORD));
    }
    return c;
  }
}
