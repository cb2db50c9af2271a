package kuzet.hub.alert;

/** What happened to an alert, as recorded in its history. */
public enum AlertAction { OPENED, RECEIVED_SENT, REPEAT, ACKNOWLEDGED, DISPATCHED, RESOLVED, ESCALATED, NOTIFIED, GROUPED, CONTRIBUTING }
