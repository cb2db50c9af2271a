package kuzet.provisioning.post;

import java.time.Instant;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;

/** A post the installer wants to add; validated by building the registry record it will become. */
public record NewPost(PostId id, PostType type, String name, String district, double latitude, double longitude) {

  public NewPost {
    // the registry record's rules are the single source of truth for names, districts and coordinates
    new RegisteredPost(id, type, name, district, latitude, longitude, Instant.EPOCH, null, null, null);
  }

  RegisteredPost toRegistered(Instant at, String passwordHash, String certificateSerial) {
    return new RegisteredPost(id, type, name, district, latitude, longitude, at, passwordHash, certificateSerial, null);
  }
}
