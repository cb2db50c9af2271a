package kuzet.hub.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** What became of a command: ok, error (the post said why) or timeout (no ack in time). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(UUID commandId, String status, String error) {
  public static final String OK = "ok";
  public static final String ERROR = "error";
  public static final String TIMEOUT = "timeout";
}
