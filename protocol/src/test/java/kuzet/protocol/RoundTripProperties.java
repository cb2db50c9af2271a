package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever valid message is encoded decodes back to an equal record, for every message type. */
class RoundTripProperties {
  private final ProtocolCodec codec = ProtocolCodec.defaults();

  @Property
  void birthRoundTrips(@ForAll("births") Birth m) throws Exception {
    assertRoundTrip(m);
  }

  @Property
  void deathRoundTrips(@ForAll("deaths") Death m) throws Exception {
    assertRoundTrip(m);
  }

  @Property
  void telemetryRoundTrips(@ForAll("telemetry") Telemetry m) throws Exception {
    assertRoundTrip(m);
  }

  @Property
  void eventRoundTrips(@ForAll("events") Event m) throws Exception {
    assertRoundTrip(m);
  }

  @Property
  void commandRoundTrips(@ForAll("commands") Command m) throws Exception {
    assertRoundTrip(m);
  }

  @Property
  void commandAckRoundTrips(@ForAll("acks") CommandAck m) throws Exception {
    assertRoundTrip(m);
  }

  @Property
  void configRoundTrips(@ForAll("configs") PostConfig m) throws Exception {
    assertRoundTrip(m);
  }

  @Property
  void hubStatusRoundTrips(@ForAll("hubStatuses") HubStatus m) throws Exception {
    assertThat(codec.decode(codec.topics().hubPresence(), codec.encode(m))).isEqualTo(m);
  }

  private void assertRoundTrip(PostMessage m) throws DecodeException {
    assertThat(codec.decode(codec.topicFor(m), codec.encode(m))).isEqualTo(m);
  }

  // --- generators ---

  private static Arbitrary<PostId> postIds() {
    Arbitrary<String> body = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(62);
    Arbitrary<Character> edge = Arbitraries.chars().with("abcdefghijklmnopqrstuvwxyz0123456789".toCharArray());
    return Combinators.combine(edge, body, edge).as((a, b, c) -> new PostId(a + b + c));
  }

  private static Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(946_684_800L, 1_795_000_000L).map(Instant::ofEpochSecond)
        .flatMap(i -> Arbitraries.integers().between(0, 999).map(ms -> i.plusMillis(ms)));
  }

  private static Arbitrary<String> bootIds() {
    return Arbitraries.strings().withChars("abcdefABCDEF0123456789._-").ofMinLength(1).ofMaxLength(64);
  }

  private static Arbitrary<Long> seqs() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE);
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank());
  }

  private static Arbitrary<UUID> uuids() {
    return Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
  }

  private static Arbitrary<Map<String, String>> attributes() {
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20), Arbitraries.strings().ofMaxLength(50))
        .ofMaxSize(5);
  }

  @Provide
  Arbitrary<Birth> births() {
    return Combinators.combine(postIds(), instants(), bootIds(), seqs(), texts(), texts(), Arbitraries.of(true, false),
            faults()).as((post, ts, boot, seq, version, profile, reachable, faults) -> Birth.builder().postId(post).ts(ts)
                .bootId(boot).seq(seq).agentVersion(version).hardwareProfile(profile).hubReachable(reachable)
                .faults(faults).build());
  }

  @Provide
  Arbitrary<Death> deaths() {
    return Combinators.combine(postIds(), instants(), bootIds(), seqs(), Arbitraries.of(Death.Reason.class)).as(Death::new);
  }

  @Provide
  Arbitrary<Telemetry> telemetry() {
    Arbitrary<Double> temp = Arbitraries.doubles().between(-80, 100).injectNull(0.2);
    Arbitrary<Double> hum = Arbitraries.doubles().between(0, 100).injectNull(0.2);
    Arbitrary<Double> bat = Arbitraries.doubles().between(0, 60).injectNull(0.2);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false).injectNull(0.2);
    Arbitrary<Integer> depth = Arbitraries.integers().greaterOrEqual(0).injectNull(0.2);
    Arbitrary<java.util.Map<String, Long>> purged = Arbitraries.maps(Arbitraries.of("TELEMETRY", "MOTION", "COMMAND_ACK"),
        Arbitraries.longs().greaterOrEqual(0)).ofMaxSize(3).injectNull(0.3);
    Arbitrary<Readings> readings = Builders.withBuilder(() -> new Object[12])
        .use(temp).in((a, v) -> set(a, 0, v)).use(hum).in((a, v) -> set(a, 1, v)).use(bat).in((a, v) -> set(a, 2, v))
        .use(flag).in((a, v) -> set(a, 3, v)).use(flag).in((a, v) -> set(a, 4, v)).use(flag).in((a, v) -> set(a, 5, v))
        .use(flag).in((a, v) -> set(a, 6, v)).use(flag).in((a, v) -> set(a, 7, v)).use(flag).in((a, v) -> set(a, 8, v))
        .use(flag).in((a, v) -> set(a, 9, v)).use(depth).in((a, v) -> set(a, 10, v)).use(purged).in((a, v) -> set(a, 11, v))
        .build(a -> new Readings((Double) a[0], (Double) a[1], (Double) a[2], (Boolean) a[3], (Boolean) a[4],
            (Boolean) a[5], (Boolean) a[6], (Boolean) a[7], (Boolean) a[8], (Boolean) a[9], (Integer) a[10],
            purged(a[11])));
    return Combinators.combine(postIds(), instants(), bootIds(), seqs(), readings, faults()).as(Telemetry::new);
  }

  /** An empty map is left out on the wire (nothing dropped), so it reads back as absent. */
  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Long> purged(Object m) {
    return m == null || ((java.util.Map<String, Long>) m).isEmpty() ? null : (java.util.Map<String, Long>) m;
  }

  private static Arbitrary<java.util.List<String>> faults() {
    return Arbitraries.of("gpio", "i2c", "bme280", "gpio.panic").list().uniqueElements().ofMaxSize(4).injectNull(0.3);
  }

  private static Object[] set(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  @Provide
  Arbitrary<Event> events() {
    return Combinators.combine(postIds(), instants(), bootIds(), seqs(), uuids(), Arbitraries.of(EventKind.class), uuids(), attributes())
        .as((p, ts, b, s, id, kind, incident, attrs) -> {
          Map<String, String> a = new java.util.HashMap<>(attrs);
          switch (kind) {
            case LAMP_FAULT -> a.put("lamp", "floodlights");
            case SENSOR_FAULT -> a.put("sensor", "bme280");
            case HARDWARE_FAULT -> a.put("part", "gpio");
            case SELF_TEST_RESULT -> a.put("passed", s % 2 == 0 ? "true" : "false");
            default -> { }
          }
          return new Event(p, ts, b, s, id, kind, kind.belongsToIncident() ? incident : null, a);
        });
  }

  @Provide
  Arbitrary<Command> commands() {
    Arbitrary<Map<String, String>> lightArgs = Combinators.combine(
            Arbitraries.of("floodlights", "interior"), Arbitraries.of("on", "off", "auto"), Arbitraries.integers().between(1, 86_400).injectNull(0.5))
        .as((t, m, d) -> d == null || m.equals("auto") ? Map.of("target", t, "mode", m) : Map.of("target", t, "mode", m, "durationS", d.toString()));
    return Combinators.combine(postIds(), instants(), bootIds(), seqs(), uuids(), Arbitraries.of(CommandName.class), uuids(), lightArgs)
        .as((p, ts, b, s, id, name, incident, light) -> new Command(p, ts, b, s, id, name,
            name.isPanicState() ? incident : null,
            switch (name) {
              case LIGHTS -> light;
              case BEACON, SIREN -> Map.of("mode", s % 2 == 0 ? "on" : "off");
              case UPDATE -> Map.of("url", "https://hub.example.kz:8443/updates/bundle", "version", "1." + (s % 50) + ".0",
                  "size", Long.toString(s % 1_000_000_000L + 1), "sha256", "ab".repeat(32), "token", "tok-" + id.toString().substring(0, 12),
                  "allowDowngrade", s % 2 == 0 ? "true" : "false");
              default -> Map.of();
            }));
  }

  @Provide
  Arbitrary<CommandAck> acks() {
    return Combinators.combine(postIds(), instants(), bootIds(), seqs(), uuids(), Arbitraries.of(true, false), texts(), attributes())
        .as((p, ts, b, s, id, ok, err, detail) -> new CommandAck(p, ts, b, s, id, ok, ok ? null : err, detail));
  }

  @Provide
  Arbitrary<PostConfig> configs() {
    return Combinators.combine(postIds(), instants(), bootIds(), seqs(), uuids(), Arbitraries.longs().greaterOrEqual(1),
            attributes())
        .as(PostConfig::new);
  }

  @Provide
  Arbitrary<HubStatus> hubStatuses() {
    return Combinators.combine(instants(), bootIds(), seqs(), texts(), Arbitraries.of(HubStatus.State.class)).as(HubStatus::new);
  }
}
