package kuzet.hub.telemetry;

import com.influxdb.client.domain.WritePrecision;
import java.time.Instant;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;

/**
 * The one place that maps a telemetry message to a stored point; {@code docs/telemetry-schema.md}
 * describes the same schema for people who query it. Tags are the few low-cardinality things one
 * groups by; every reading is a field, so a post that lacks a sensor simply leaves the field out.
 */
public final class TelemetrySchema {

  public static final String MEASUREMENT = "post_telemetry";
  public static final String TAG_POST_ID = "post_id";
  public static final String TAG_DISTRICT = "district";
  public static final String TAG_POST_TYPE = "post_type";

  /** Nanoseconds: InfluxDB's native precision, and what QuestDB assumes when none is given. */
  public static final WritePrecision PRECISION = WritePrecision.NS;

  /**
   * The table as the embedded QuestDB creates it. Without it QuestDB would create one from the first
   * line it sees; this adds deduplication on (timestamp, post_id), so that a batch sent again after a
   * lost reply is stored once, as InfluxDB does for points with the same series and time.
   */
  public static final String QUESTDB_DDL = """
      CREATE TABLE IF NOT EXISTS post_telemetry (
        post_id SYMBOL, district SYMBOL, post_type SYMBOL, seq LONG,
        temperature_c DOUBLE, humidity_pct DOUBLE, battery_v DOUBLE,
        mains_present BOOLEAN, door_open BOOLEAN, tamper BOOLEAN, motion BOOLEAN,
        floodlights_on BOOLEAN, interior_light_on BOOLEAN, beacon_on BOOLEAN, outbox_depth LONG,
        outbox_purged LONG, timestamp TIMESTAMP
      ) TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, post_id)""";

  private TelemetrySchema() {}

  /** One line of InfluxDB line protocol for {@code telemetry} from {@code post}. */
  public static String toLineProtocol(RegisteredPost post, Telemetry telemetry) {
    Readings r = telemetry.readings();
    // tags and fields in name order, as influxdb-client-java's Point wrote them before
    LineProtocol line = new LineProtocol(MEASUREMENT)
        .tag(TAG_DISTRICT, oneLine(post.district()))
        .tag(TAG_POST_ID, telemetry.postId().value())
        .tag(TAG_POST_TYPE, post.type().id());
    add(line, "battery_v", r.batteryV());
    add(line, "beacon_on", r.beaconOn());
    add(line, "door_open", r.doorOpen());
    add(line, "floodlights_on", r.floodlightsOn());
    add(line, "humidity_pct", r.humidityPct());
    add(line, "interior_light_on", r.interiorLightOn());
    add(line, "mains_present", r.mainsPresent());
    add(line, "motion", r.motion());
    if (r.outboxDepth() != null) {
      line.field("outbox_depth", r.outboxDepth().longValue());
    }
    if (r.outboxPurged() != null) {
      // the total is what a dashboard plots; the kinds stay on the board's post detail
      line.field("outbox_purged", r.outboxPurged().values().stream().mapToLong(Long::longValue).sum());
    }
    // always present, so that a post with no readable sensor still yields a valid point
    line.field("seq", telemetry.seq());
    add(line, "tamper", r.tamper());
    add(line, "temperature_c", r.temperatureC());
    return line.end(nanos(telemetry.ts()));
  }

  private static void add(LineProtocol line, String field, Double value) {
    if (value != null) {
      line.field(field, value.doubleValue());
    }
  }

  private static void add(LineProtocol line, String field, Boolean value) {
    if (value != null) {
      line.field(field, value.booleanValue());
    }
  }

  private static long nanos(Instant ts) {
    return Math.addExact(Math.multiplyExact(ts.getEpochSecond(), 1_000_000_000L), ts.getNano());
  }

  // Line protocol escapes spaces, commas and '=' in tags but has no escape for line breaks.
  private static String oneLine(String tag) {
    return tag.indexOf('\n') < 0 && tag.indexOf('\r') < 0 ? tag : tag.replace('\n', ' ').replace('\r', ' ');
  }
}
