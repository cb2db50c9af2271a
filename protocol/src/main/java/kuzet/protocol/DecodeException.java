package kuzet.protocol;

/**
 * The only exception {@link ProtocolCodec#decode} throws. {@link #reason()} is a stable category for
 * counting; {@link #getMessage()} says exactly what was wrong; {@link #messageId()} is the eventId or
 * commandId when it could still be read, so a post can send an error ack for a command it cannot parse.
 */
public final class DecodeException extends Exception {
  /** Stable categories, used as metric labels. */
  public enum Reason {
    TOO_LARGE,
    NOT_JSON,
    NOT_AN_OBJECT,
    UNSUPPORTED_SCHEMA,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    POST_ID_MISMATCH,
    WRONG_TOPIC,
    FUTURE_TIMESTAMP
  }

  private final Reason reason;
  private final String messageId;

  public DecodeException(Reason reason, String message, String messageId) {
    super(message, null, false, false);
    this.reason = reason;
    this.messageId = messageId;
  }

  public Reason reason() {
    return reason;
  }

  /** The eventId or commandId of the rejected message, or null when it could not be read. */
  public String messageId() {
    return messageId;
  }
}
