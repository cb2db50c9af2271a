package kuzet.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kuzet.protocol.PostId;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The telemetry writer's own line-protocol encoder against influxdb-client-java's {@code Point}, which wrote the lines
 * before: the same line, character for character, for awkward districts and every kind of reading.
 */
class LineProtocolProperties {

  @Property(tries = 2_000)
  void writesTheLinePointWrote(@ForAll("districts") String district, @ForAll("readings") Readings r,
                               @ForAll("seqs") long seq, @ForAll("instants") Instant ts) {
    RegisteredPost post = new RegisteredPost(new PostId("alatau-0001"), PostType.MODULAR_POST, "Post 1", district,
        43.2, 76.8, Instant.parse("2026-11-01T00:00:00Z"), null, null, null);
    Telemetry t = new Telemetry(post.id(), ts, "boot-1", seq, r);
    assertThat(TelemetrySchema.toLineProtocol(post, t)).isEqualTo(viaPoint(post, t));
  }

  @Example
  void escapesTagsFieldNamesAndTheMeasurementAsPointDoes() {
    for (String awkward : List.of("a b", "a,b", "a=b", "a\tb", "a\nb", "a\rb", "a\\b", "a\"b", "", "=", " ")) {
      String ours = new LineProtocol("m " + awkward).tag("t" + awkward, "v" + awkward).tag("e", "")
          .field("f" + awkward, 1.5).field("g", -0.0).field("h", 1.0E-5).field("i", Double.NaN).field("j", 3L)
          .field("k", true).end(9);
      Point point = Point.measurement("m " + awkward).addTag("t" + awkward, "v" + awkward).addTag("e", "")
          .addField("f" + awkward, 1.5).addField("g", -0.0).addField("h", 1.0E-5).addField("i", Double.NaN)
          .addField("j", 3L).addField("k", true).time(9L, WritePrecision.NS);
      assertThat(ours).as(awkward).isEqualTo(point.toLineProtocol());
    }
  }

  /** The mapping as it was written with Point, kept as the reference. */
  private static String viaPoint(RegisteredPost post, Telemetry telemetry) {
    Readings r = telemetry.readings();
    String district = post.district().replace('\n', ' ').replace('\r', ' ');
    Point point = Point.measurement(TelemetrySchema.MEASUREMENT)
        .addTag(TelemetrySchema.TAG_POST_ID, telemetry.postId().value())
        .addTag(TelemetrySchema.TAG_DISTRICT, district)
        .addTag(TelemetrySchema.TAG_POST_TYPE, post.type().id())
        .time(telemetry.ts().getEpochSecond() * 1_000_000_000L + telemetry.ts().getNano(), WritePrecision.NS)
        .addField("seq", telemetry.seq());
    Map<String, Object> fields = new java.util.HashMap<>();
    fields.put("temperature_c", r.temperatureC());
    fields.put("humidity_pct", r.humidityPct());
    fields.put("battery_v", r.batteryV());
    fields.put("mains_present", r.mainsPresent());
    fields.put("door_open", r.doorOpen());
    fields.put("tamper", r.tamper());
    fields.put("motion", r.motion());
    fields.put("floodlights_on", r.floodlightsOn());
    fields.put("interior_light_on", r.interiorLightOn());
    fields.put("beacon_on", r.beaconOn());
    fields.forEach((k, v) -> {
      if (v instanceof Double d) {
        point.addField(k, d);
      } else if (v instanceof Boolean b) {
        point.addField(k, b);
      }
    });
    if (r.outboxDepth() != null) {
      point.addField("outbox_depth", r.outboxDepth().longValue());
    }
    if (r.outboxPurged() != null) {
      point.addField("outbox_purged", r.outboxPurged().values().stream().mapToLong(Long::longValue).sum());
    }
    return point.toLineProtocol();
  }

  @Provide
  Arbitrary<String> districts() {
    // a registered post's district is never blank; an empty tag is in the example above
    return Arbitraries.oneOf(Arbitraries.of("Alatau", "Medeu, upper\nslopes=2", "a\tb", "Алатауский", "x\r\ny",
        "back\\slash", "\"quoted\""), Arbitraries.strings().withChars("ab ,=\t\n\r\\\"é").ofMinLength(1).ofMaxLength(8)
        .filter(d -> !d.isBlank()));
  }

  @Provide
  Arbitrary<Readings> readings() {
    Arbitrary<Double> small = Arbitraries.of(0.0, -0.0, 1.0E-4, 1.0E-5, 4.9E-324, 0.001, 12.6, 40.0, 99.99999999999999);
    Arbitrary<Double> temp = Arbitraries.oneOf(Arbitraries.doubles().between(-80, 100), small.map(Math::abs))
        .injectNull(0.2);
    Arbitrary<Double> hum = Arbitraries.oneOf(Arbitraries.doubles().between(0, 100), small.map(Math::abs))
        .injectNull(0.2);
    Arbitrary<Double> bat = Arbitraries.doubles().between(0, 60).injectNull(0.2);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false).injectNull(0.3);
    Arbitrary<Integer> depth = Arbitraries.integers().greaterOrEqual(0).injectNull(0.3);
    Arbitrary<Map<String, Long>> purged = Arbitraries.maps(Arbitraries.of("TELEMETRY", "MOTION"),
        Arbitraries.longs().between(0, Long.MAX_VALUE / 4)).ofMaxSize(2).injectNull(0.5);
    Arbitrary<Boolean[]> flags = flag.array(Boolean[].class).ofSize(7);
    return Combinators.combine(temp, hum, bat, flags, depth, purged).as((t, h, b, f, d, p) ->
        new Readings(t, h, b, f[0], f[1], f[2], f[3], f[4], f[5], f[6], d, p));
  }

  @Provide
  Arbitrary<Long> seqs() {
    return Arbitraries.longs().greaterOrEqual(0);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0, 4_000_000_000L).flatMap(s ->
        Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
  }
}
