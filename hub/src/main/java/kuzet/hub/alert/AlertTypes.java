package kuzet.hub.alert;

/** Alert types raised by the core rules. Types are strings so that new rules can add their own. */
public final class AlertTypes {
  public static final String PANIC = "PANIC";
  public static final String POST_OFFLINE = "POST_OFFLINE";

  private AlertTypes() {}
}
