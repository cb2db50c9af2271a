package kuzet.hub.fleet;

/**
 * What the alert service says about one post: how many alerts are active, and the highest priority among
 * those that are alarms ({@code null} when only maintenance notices, or nothing, are active). The board colours
 * a post's row by that priority, so a minor alarm or a maintenance notice never turns it red.
 */
public record PostAlarms(long open, String priority) {
  public static final PostAlarms NONE = new PostAlarms(0, null);
}
