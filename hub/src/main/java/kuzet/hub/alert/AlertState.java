package kuzet.hub.alert;

/** An alert's lifecycle: OPEN, then ACKNOWLEDGED by an operator, then RESOLVED with a note. */
public enum AlertState { OPEN, ACKNOWLEDGED, RESOLVED }
