package kuzet.registry;

import java.time.Instant;
import java.util.Objects;
import kuzet.protocol.PostId;

/**
 * A post as the registry knows it. The credential fields are only ever hashes and serials:
 * a device's password is shown once by the provisioning CLI and never stored in clear.
 *
 * @param mqttPasswordHash Mosquitto {@code $7$} PBKDF2-SHA512 hash, or null when the post uses a certificate only
 * @param certificateSerial hex serial of the post's client certificate, or null
 * @param revokedAt when the post was retired; a revoked post's messages are refused
 */
public record RegisteredPost(
    PostId id,
    PostType type,
    String name,
    String district,
    double latitude,
    double longitude,
    Instant registeredAt,
    String mqttPasswordHash,
    String certificateSerial,
    Instant revokedAt) {

  public RegisteredPost {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(registeredAt, "registeredAt");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name must be 1 to 200 characters");
    }
    if (district == null || district.isBlank() || district.length() > 100) {
      throw new IllegalArgumentException("district must be 1 to 100 characters");
    }
    if (Double.isNaN(latitude) || latitude < -90 || latitude > 90) {
      throw new IllegalArgumentException("latitude " + latitude + " is out of range [-90, 90]");
    }
    if (Double.isNaN(longitude) || longitude < -180 || longitude > 180) {
      throw new IllegalArgumentException("longitude " + longitude + " is out of range [-180, 180]");
    }
  }

  public boolean active() {
    return revokedAt == null;
  }

  public RegisteredPost withCredentials(String passwordHash, String certSerial) {
    return new RegisteredPost(id, type, name, district, latitude, longitude, registeredAt, passwordHash, certSerial, revokedAt);
  }
}
