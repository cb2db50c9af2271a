package kuzet.hub;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import kuzet.hub.alarmload.AlarmLoad;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertAuditTrail;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.AlertStore;
import kuzet.hub.alert.OfflineRule;
import kuzet.hub.alert.PanicRule;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.alert.RuleEngine;
import kuzet.hub.alert.rules.AlertingRules;
import kuzet.hub.alert.rules.RuleSettingsResolver;
import kuzet.hub.alert.rules.Staffing;
import kuzet.hub.analysis.Nights;
import kuzet.hub.analysis.PressLog;
import kuzet.hub.analysis.RollupKeeper;
import kuzet.hub.api.EventStream;
import kuzet.hub.api.PostEvents;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.command.CommandService;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.HubConfig;
import kuzet.hub.config.HubsMode;
import kuzet.hub.escalation.EscalationRule;
import kuzet.hub.escalation.EscalationSettings;
import kuzet.hub.escalation.MailChannel;
import kuzet.hub.escalation.NotificationChannel;
import kuzet.hub.escalation.WebhookChannel;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.grouping.GroupingRule;
import kuzet.hub.grouping.GroupingSettings;
import kuzet.hub.mqtt.MqttLink;
import kuzet.hub.postconfig.PostConfigs;
import kuzet.hub.shelving.ShelfStore;
import kuzet.hub.shelving.Shelving;
import kuzet.hub.update.Releases;
import kuzet.hub.update.Rollouts;
import kuzet.protocol.PostId;
import kuzet.protocol.PostSetting;
import kuzet.protocol.ProtocolCodec;

/**
 * The hub's services and its alert rules, built on the verticle's context: what {@link HubVerticle} feeds messages
 * to, {@link HubRoutes} serves, and the timers tick. Built once, at start.
 */
record HubCore(CommandService commands, AlertStore alertStore, AlertService alerts, PostConfigs configs,
               FleetState fleet, PostEvents postEvents, RuleSettingsResolver ruleSettings, Staffing staffing,
               Shelving shelving, AlarmLoad alarmLoad, Releases releases, Rollouts rollouts, RuleEngine rules,
               boolean allActive) {

  static HubCore build(Vertx vertx, Context context, HubVerticle.Parts parts, MqttLink link, ProtocolCodec codec,
                       EventStream stream, AuditLog audit) {
    HubConfig cfg = parts.config();
    Clock clock = parts.clock();
    CommandService commands = new CommandService(context, link, codec, parts.identity(), parts.db(), audit, clock,
        cfg.commandTimeout(),
        Duration.ofSeconds(cfg.source().integer(ConfigKey.COMMANDS_PANIC_STATE_EXPIRY_S, 1, 7 * 86_400)), parts.meters());
    boolean allActive = cfg.hubsMode() == HubsMode.ACTIVE;
    AlertStore alertStore = alertStore(parts, allActive);
    AlertService alerts = new AlertService(context, alertStore, audit, commands, clock, parts.meters());
    alerts.holdBackChatter(cfg.alerts().chatterWindow());
    PostEvents[] changes = new PostEvents[1];
    PostConfigs configs = new PostConfigs(context, parts.db(), parts.auditKey(), link, codec, parts.identity(), clock,
        id -> changes[0].changed(id));
    FleetState fleet = new FleetState(cfg.fleet().historySize(), cfg.fleet().heartbeatTimeout(), alerts::alarms,
        configs);
    parts.posts().forEach(fleet::know);
    PostEvents postEvents = new PostEvents(vertx, fleet, stream, 1_000);
    changes[0] = postEvents;
    alerts.addListener(new AlertAuditTrail(context, audit, clock));
    alerts.addListener((before, after) -> {
      stream.publish("alert", after);
      postEvents.changed(PostId.of(after.postId()));
    });
    RuleSettingsResolver ruleSettings = new RuleSettingsResolver(cfg.source());
    Staffing staffing = new Staffing(ruleSettings, id -> configs.window(id, PostSetting.STAFFED_HOURS));
    Shelving shelving = new Shelving(context, new ShelfStore(parts.db()), audit, alerts, clock, cfg.alerts().shelveMax());
    shelving.addListener(s -> stream.publish("shelf", s));
    AlarmLoad alarmLoad = new AlarmLoad(alerts, parts.meters());
    alerts.addListener(alarmLoad);
    Releases releases = releases(context, parts, audit);
    Rollouts rollouts = new Rollouts(context, releases, commands, audit, clock,
        cfg.source().string(ConfigKey.UPDATES_BASE_URL),
        Duration.ofSeconds(cfg.source().integer(ConfigKey.UPDATES_RESEND_S, 5, 86_400)),
        Duration.ofSeconds(cfg.source().integer(ConfigKey.UPDATES_TOKEN_TTL_S, 60, 30 * 86_400)));
    HubCore partial = new HubCore(commands, alertStore, alerts, configs, fleet, postEvents, ruleSettings, staffing,
        shelving, alarmLoad, releases, rollouts, null, allActive);
    return partial.withRules(new RuleEngine(partial.ruleList(vertx, context, parts),
        new RuleContext(alerts, commands, clock, parts.duty())));
  }

  /** Only several active hubs change one alert at once: a single hub's copy is the newest, written as it is. */
  private static AlertStore alertStore(HubVerticle.Parts parts, boolean allActive) {
    return allActive ? AlertStore.shared(parts.db(), parts.config().hubId()) : new AlertStore(parts.db());
  }

  private static Releases releases(Context context, HubVerticle.Parts parts, AuditLog audit) {
    HubConfig cfg = parts.config();
    String dir = cfg.source().string(ConfigKey.UPDATES_DIR);
    return new Releases(context, parts.db(), audit, parts.clock(),
        dir.isEmpty() ? cfg.dataDir().resolve("releases") : java.nio.file.Path.of(dir));
  }

  private HubCore withRules(RuleEngine engine) {
    return new HubCore(commands, alertStore, alerts, configs, fleet, postEvents, ruleSettings, staffing, shelving,
        alarmLoad, releases, rollouts, engine, allActive);
  }

  /** Every rule, in the order each tick runs them. */
  private List<Rule> ruleList(Vertx vertx, Context context, HubVerticle.Parts parts) {
    HubConfig cfg = parts.config();
    List<Rule> ruleList = new ArrayList<>(List.of(new PanicRule(),
        new OfflineRule(cfg.alerts().offlineGrace(), cfg.alerts().offlineStable())));
    fleet.checkSequences(!allActive);
    ruleList.addAll(AlertingRules.all(ruleSettings, staffing, !allActive));
    ruleList.add(configs);
    ruleList.add(new PressLog(context, parts.db()));
    ruleList.add(new RollupKeeper(context, parts.db(), new Nights(ruleSettings.zone())));
    ruleList.add(shelving);
    ruleList.add(alarmLoad);
    // grouping runs before escalation in each tick, so a folded alert is not escalated on its own; for
    // the same reason groupable alerts wait for the tick while all others escalate the moment they open
    GroupingSettings grouping = GroupingSettings.from(cfg.source());
    ruleList.add(new GroupingRule(grouping));
    EscalationRule escalation = escalation(vertx, EscalationSettings.from(cfg.source()),
        a -> grouping.types().contains(a.type()));
    alerts.addOpener(a -> escalation.opening(a, alerts));
    ruleList.add(escalation);
    ruleList.add(rollouts);
    return ruleList;
  }

  private EscalationRule escalation(Vertx vertx, EscalationSettings settings, Predicate<Alert> deferred) {
    List<NotificationChannel> channels = new ArrayList<>();
    channels.add(new WebhookChannel(vertx, settings.webhook(),
        id -> alerts.get(id).map(a -> a.state() == AlertState.OPEN).orElse(false)));
    if (settings.smtp() != null) {
      channels.add(new MailChannel(MailClient.create(vertx, settings.smtp()), settings.mailFrom()));
    }
    return new EscalationRule(settings, channels, deferred);
  }
}
