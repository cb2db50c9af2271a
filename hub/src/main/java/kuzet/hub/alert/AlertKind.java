package kuzet.hub.alert;

/**
 * One alert type after rationalisation: its priority, whether it is an alarm the duty operator must act on
 * now or a maintenance notice for the technicians, whether an operator may shelve it, and what to do.
 */
public record AlertKind(String type, Severity priority, boolean alarm, boolean shelvable, String action) {}
