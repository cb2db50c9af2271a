package kuzet.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import kuzet.protocol.PostId;

/**
 * The fleet's registered posts. Shared by the hub (which refuses unregistered or revoked posts), its
 * embedded broker's access rules and the provisioning CLI. Implementations do blocking I/O: on a Vert.x
 * event loop call them through executeBlocking.
 */
public interface PostRegistry extends AutoCloseable {

  Optional<RegisteredPost> find(PostId id);

  List<RegisteredPost> all();

  /** Registers a new post; fails if the id is already taken. */
  void register(RegisteredPost post);

  /** Registers all posts in one transaction: either every one is added or none is. */
  void registerAll(Collection<RegisteredPost> posts);

  /** Replaces a post's credential hash and certificate serial. */
  void updateCredentials(PostId id, String mqttPasswordHash, String certificateSerial);

  /** Retires a post: its password hash is removed and its certificate serial listed as revoked. */
  void revoke(PostId id, Instant at);

  /** Serials of every revoked certificate, for the CRL and the broker's checks. */
  List<String> revokedCertificateSerials();

  @Override
  void close();
}
