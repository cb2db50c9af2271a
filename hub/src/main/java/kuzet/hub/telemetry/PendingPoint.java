package kuzet.hub.telemetry;

import kuzet.registry.RegisteredPost;
import kuzet.protocol.Telemetry;

/** A sample as ingest handed it over; encoded to line protocol on the writer's thread, not ingest's. */
record PendingPoint(RegisteredPost post, Telemetry telemetry) {}
