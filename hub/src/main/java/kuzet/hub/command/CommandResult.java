package kuzet.hub.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** What became of a command: ok, error (the post said why), expired (too old when it arrived) or timeout (no ack in time). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(UUID commandId, String status, String error) {
  public static final String OK = "ok";
  public static final String ERROR = "error";
  public static final String TIMEOUT = "timeout";
  /** The post refused the command as too old to apply (it arrived after its time). */
  public static final String EXPIRED = "expired";
}
