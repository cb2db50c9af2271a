package kuzet.hub.update;

import java.time.Instant;

/** A signed release bundle the hub keeps and serves; the hub cannot sign one and does not need to trust it. */
public record Release(String version, String fileName, long size, String sha256, String uploadedBy, Instant uploadedAt) {}
