package kuzet.hub.telemetry;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
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
    Point point = Point.measurement(MEASUREMENT)
        .addTag(TAG_POST_ID, telemetry.postId().value())
        .addTag(TAG_DISTRICT, oneLine(post.district()))
        .addTag(TAG_POST_TYPE, post.type().id())
        .time(nanos(telemetry.ts()), PRECISION)
        // always present, so that a post with no readable sensor still yields a valid point
        .addField("seq", telemetry.seq());
    addIfPresent(point, "temperature_c", r.temperatureC());
    addIfPresent(point, "humidity_pct", r.humidityPct());
    addIfPresent(point, "battery_v", r.batteryV());
    addIfPresent(point, "mains_present", r.mainsPresent());
    addIfPresent(point, "door_open", r.doorOpen());
    addIfPresent(point, "tamper", r.tamper());
    addIfPresent(point, "motion", r.motion());
    addIfPresent(point, "floodlights_on", r.floodlightsOn());
    addIfPresent(point, "interior_light_on", r.interiorLightOn());
    addIfPresent(point, "beacon_on", r.beaconOn());
    if (r.outboxDepth() != null) {
      point.addField("outbox_depth", r.outboxDepth().longValue());
    }
    if (r.outboxPurged() != null) {
      // the total is what a dashboard plots; the kinds stay on the board's post detail
      point.addField("outbox_purged", r.outboxPurged().values().stream().mapToLong(Long::longValue).sum());
    }
    return point.toLineProtocol();
  }

  private static void addIfPresent(Point point, String field, Double value) {
    if (value != null) {
      point.addField(field, value);
    }
  }

  private static void addIfPresent(Point point, String field, Boolean value) {
    if (value != null) {
      point.addField(field, value);
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
