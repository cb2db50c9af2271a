package kuzet.hub.alert;

/** How urgent an alert is; the board lists CRITICAL first. */
public enum Severity { CRITICAL, MAJOR, MINOR }
