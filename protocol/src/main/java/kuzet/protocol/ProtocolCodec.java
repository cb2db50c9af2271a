package kuzet.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Encodes messages to JSON and decodes them with one entry point, {@link #decode(String, byte[])},
 * which checks the payload against the topic it arrived on. Thread-safe.
 */
public final class ProtocolCodec {
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  /**
   * The largest MQTT packet a Kuzet client or broker accepts: a full payload plus room for the fixed header,
   * the topic and MQTT 5 properties. Brokers and clients enforce it, so an oversized publish is refused on the
   * wire instead of being stored (retained) and replayed to the hub at every restart.
   */
  public static final int MAX_PACKET_BYTES = MAX_PAYLOAD_BYTES + 4 * 1024;
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofHours(24);

  private final ObjectMapper mapper;
  private final TelemetryFastPath telemetry;
  private final Topics topics;
  private final Clock clock;
  private final Duration maxFuture;

  public ProtocolCodec(Topics topics, Clock clock, Duration maxFuture) {
    this.topics = topics;
    this.clock = clock;
    this.maxFuture = maxFuture;
    this.mapper = newMapper();
    this.telemetry = new TelemetryFastPath(mapper.getFactory());
  }

  public ProtocolCodec(Topics topics, Clock clock) {
    this(topics, clock, DEFAULT_MAX_FUTURE);
  }

  public static ProtocolCodec defaults() {
    return new ProtocolCodec(Topics.defaults(), Clock.systemUTC());
  }

  public Topics topics() {
    return topics;
  }

  static ObjectMapper newMapper() {
    JsonMapper m = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    return m;
  }

  /** The topic a post message belongs on. */
  public String topicFor(PostMessage message) {
    return topics.topic(message.postId(), message.channel());
  }

  public byte[] encode(Message message) {
    try {
      return mapper.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("could not encode " + message.getClass().getSimpleName(), e);
    }
  }

  public String encodeToString(Message message) {
    return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Decodes a payload received on {@code topic}. Throws only {@link DecodeException}, whose message says
   * what was wrong. Unknown extra fields are ignored so that newer senders stay readable.
   */
  public Message decode(String topic, byte[] payload) throws DecodeException {
    if (payload == null || payload.length == 0) {
      throw new DecodeException(DecodeException.Reason.NOT_JSON, "payload is empty", null);
    }
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new DecodeException(DecodeException.Reason.TOO_LARGE,
          "payload is " + payload.length + " bytes, over the limit of " + MAX_PAYLOAD_BYTES, null);
    }
    Telemetry fast = telemetry.read(payload);
    if (fast != null && onItsTopic(topic, fast) && !fast.ts().isAfter(clock.instant().plus(maxFuture))) {
      return fast;
    }
    return decodeTree(topic, payload);
  }

  /** The full decoder, which judges every payload the telemetry fast path leaves to it; sizes are checked. */
  Message decodeTree(String topic, byte[] payload) throws DecodeException {
    JsonNode tree;
    try {
      tree = mapper.readTree(payload);
    } catch (IOException e) {
      throw new DecodeException(DecodeException.Reason.NOT_JSON, "payload is not valid JSON: " + firstLine(e), null);
    }
    if (tree == null || !tree.isObject()) {
      throw new DecodeException(DecodeException.Reason.NOT_AN_OBJECT,
          "payload must be a JSON object, not " + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase()), null);
    }
    String messageId = textOrNull(tree, "commandId");
    if (messageId == null) {
      messageId = textOrNull(tree, "eventId");
    }
    checkSchema(tree, messageId);
    Message message = bind(tree, messageId);
    checkTopic(topic, message, messageId);
    Instant latest = clock.instant().plus(maxFuture);
    if (message.ts().isAfter(latest)) {
      throw new DecodeException(DecodeException.Reason.FUTURE_TIMESTAMP,
          "field 'ts' " + message.ts() + " is more than " + maxFuture + " ahead of the receiver's clock", messageId);
    }
    return message;
  }

  private static void checkSchema(JsonNode tree, String messageId) throws DecodeException {
    JsonNode schema = tree.get("schema");
    if (schema == null || schema.isNull()) {
      throw new DecodeException(DecodeException.Reason.MISSING_FIELD, "missing field 'schema'", messageId);
    }
    if (!schema.isIntegralNumber()) {
      throw new DecodeException(DecodeException.Reason.WRONG_TYPE, "field 'schema' must be an integer", messageId);
    }
    if (schema.asInt() != Message.SCHEMA) {
      throw new DecodeException(DecodeException.Reason.UNSUPPORTED_SCHEMA,
          "schema version " + schema.asText() + " is not supported (this receiver reads version " + Message.SCHEMA + ")", messageId);
    }
    JsonNode type = tree.get("type");
    if (type == null || type.isNull()) {
      throw new DecodeException(DecodeException.Reason.MISSING_FIELD, "missing field 'type'", messageId);
    }
    if (!type.isTextual()) {
      throw new DecodeException(DecodeException.Reason.WRONG_TYPE, "field 'type' must be a string", messageId);
    }
  }

  private Message bind(JsonNode tree, String messageId) throws DecodeException {
    try {
      return mapper.treeToValue(tree, Message.class);
    } catch (InvalidTypeIdException e) {
      throw new DecodeException(DecodeException.Reason.UNKNOWN_TYPE,
          "unknown message type '" + e.getTypeId() + "': expected one of " + knownTypes(), messageId);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Envelope.MissingFieldException missing) {
        throw new DecodeException(DecodeException.Reason.MISSING_FIELD, "missing field '" + missing.field + "'", messageId);
      }
      String why = cause != null && cause.getMessage() != null ? cause.getMessage() : firstLine(e);
      throw new DecodeException(DecodeException.Reason.INVALID_VALUE, why, messageId);
    } catch (InvalidFormatException e) {
      String field = path(e);
      String detail = e.getTargetType() != null && e.getTargetType().isEnum()
          ? "'" + e.getValue() + "' is not one of " + Arrays.toString(e.getTargetType().getEnumConstants())
          : "'" + e.getValue() + "' is not " + typeName(e.getTargetType());
      throw new DecodeException(DecodeException.Reason.WRONG_TYPE, "field '" + field + "': " + detail, messageId);
    } catch (MismatchedInputException e) {
      String msg = e.getOriginalMessage();
      String property = quoted(msg);
      if (msg.startsWith("Missing required creator property") || msg.startsWith("Null value for creator property")) {
        String prefix = path(e);
        String field = prefix.isEmpty() || prefix.equals(property) || prefix.endsWith("." + property)
            ? (prefix.isEmpty() ? property : prefix) : prefix + "." + property;
        throw new DecodeException(DecodeException.Reason.MISSING_FIELD, "missing field '" + field + "'", messageId);
      }
      throw new DecodeException(DecodeException.Reason.WRONG_TYPE,
          "field '" + path(e) + "' must be " + typeName(e.getTargetType()), messageId);
    } catch (JsonProcessingException e) {
      throw new DecodeException(DecodeException.Reason.WRONG_TYPE, firstLine(e), messageId);
    }
  }

  private void checkTopic(String topic, Message message, String messageId) throws DecodeException {
    if (message instanceof HubStatus) {
      if (!topics.isHubPresence(topic)) {
        throw new DecodeException(DecodeException.Reason.WRONG_TOPIC,
            "HUB_STATUS belongs on " + topics.hubPresence() + ", not on " + topic, messageId);
      }
      return;
    }
    PostMessage pm = (PostMessage) message;
    Topics.Address address = topics.parse(topic).orElseThrow(() -> new DecodeException(DecodeException.Reason.WRONG_TOPIC,
        "topic '" + PostId.abbreviate(String.valueOf(topic)) + "' is not a post topic under '" + topics.root() + "/'", messageId));
    if (!address.postId().equals(pm.postId())) {
      throw new DecodeException(DecodeException.Reason.POST_ID_MISMATCH,
          "postId '" + pm.postId() + "' in the payload does not match '" + address.postId() + "' in the topic", messageId);
    }
    if (address.channel() != pm.channel()) {
      throw new DecodeException(DecodeException.Reason.WRONG_TOPIC,
          typeOf(message) + " belongs on '" + pm.channel().suffix() + "', not on '" + address.channel().suffix() + "'", messageId);
    }
  }

  /**
   * Whether {@code topic} is exactly root/postId/telemetry: what {@link Topics#parse} would find for the post's
   * telemetry, compared in place because parsing validates the post id again, which the payload's already was.
   */
  private boolean onItsTopic(String topic, Telemetry t) {
    String root = topics.root();
    String id = t.postId().value();
    String suffix = Channel.TELEMETRY.suffix();
    int idAt = root.length() + 1;
    return topic != null && topic.length() == idAt + id.length() + 1 + suffix.length() && topic.startsWith(root)
        && topic.charAt(root.length()) == '/' && topic.startsWith(id, idAt) && topic.charAt(idAt + id.length()) == '/'
        && topic.endsWith(suffix);
  }

  static String typeOf(Message m) {
    return m.getClass().getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class) != null
        ? m.getClass().getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class).value()
        : Arrays.stream(Message.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
            .filter(t -> t.value() == m.getClass()).map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name)
            .findFirst().orElse(m.getClass().getSimpleName());
  }

  private static String knownTypes() {
    return Arrays.stream(Message.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
        .map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name).collect(Collectors.joining(", "));
  }

  private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == java.time.Instant.class) {
      return "an ISO-8601 UTC timestamp such as 2026-11-24T18:00:00Z";
    }
    if (type == java.util.UUID.class) {
      return "a UUID";
    }
    if (type == PostId.class) {
      return "a postId string";
    }
    if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "an object of string values";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    return "an object";
  }

  private static String quoted(String msg) {
    int a = msg.indexOf('\'');
    int b = a < 0 ? -1 : msg.indexOf('\'', a + 1);
    return a >= 0 && b > a ? msg.substring(a + 1, b) : "?";
  }

  private static String textOrNull(JsonNode tree, String field) {
    JsonNode n = tree.get(field);
    return n != null && n.isTextual() && n.asText().length() <= 64 ? n.asText() : null;
  }

  private static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
