package kuzet.provisioning.post;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kuzet.brokeraccount.MosquittoPasswordHash;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import kuzet.provisioning.ca.FleetCa;
import kuzet.provisioning.ca.IssuedCertificate;
import kuzet.provisioning.ca.Pem;
import kuzet.provisioning.ca.RandomSecrets;

/** Registers posts, issues their credentials and writes their device bundles. */
public final class PostProvisioner {
  private final PostRegistry registry;
  private final FleetCa ca;
  private final BundleSettings settings;
  private final Clock clock;
  private final SecureRandom random;

  public PostProvisioner(PostRegistry registry, FleetCa ca, BundleSettings settings, Clock clock, SecureRandom random) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.ca = Objects.requireNonNull(ca, "ca");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  public ProvisionedPost add(NewPost post, Path bundlesDir) throws IOException {
    return addAll(List.of(post), bundlesDir).get(0);
  }

  /**
   * Registers every post in one transaction (all or none), then writes one bundle per post. Ids already taken
   * in the registry or repeated in {@code posts} are refused before anything is written.
   */
  public List<ProvisionedPost> addAll(List<NewPost> posts, Path bundlesDir) throws IOException {
    for (NewPost p : posts) {
      if (registry.find(p.id()).isPresent()) {
        throw new IllegalArgumentException("post '" + p.id() + "' is already registered");
      }
      if (java.nio.file.Files.exists(bundlesDir.resolve(p.id().value()))) {
        throw new IllegalArgumentException("bundle directory for '" + p.id() + "' already exists in " + bundlesDir);
      }
    }
    Instant now = clock.instant();
    List<Issued> issued = new ArrayList<>();
    for (NewPost p : posts) {
      IssuedCertificate cert = settings.authMode().certificate() ? ca.issueClient(p.id()) : null;
      String password = settings.authMode().password() ? RandomSecrets.newPassword(random) : null;
      String hash = password == null ? null : MosquittoPasswordHash.hash(password, random);
      issued.add(new Issued(p, p.toRegistered(now, hash, cert == null ? null : cert.serialHex()), cert, password));
    }
    registry.registerAll(issued.stream().map(Issued::registered).toList());
    String caPem = Pem.encode(ca.certificate());
    List<ProvisionedPost> out = new ArrayList<>();
    for (Issued i : issued) {
      Path dir = DeviceBundle.write(bundlesDir, i.post(), settings, caPem, i.cert(), i.password(), now);
      out.add(new ProvisionedPost(i.registered(), dir, i.password()));
    }
    return out;
  }

  /** Retires a post: password hash removed, certificate serial listed as revoked (see the broker export). */
  public static RegisteredPost revoke(PostRegistry registry, PostId id, Instant at) {
    RegisteredPost p = registry.find(id)
        .orElseThrow(() -> new IllegalArgumentException("no post '" + id + "' is registered"));
    if (!p.active()) {
      throw new IllegalArgumentException("post '" + id + "' was already revoked at " + p.revokedAt());
    }
    registry.revoke(id, at);
    return registry.find(id).orElseThrow();
  }

  private record Issued(NewPost post, RegisteredPost registered, IssuedCertificate cert, String password) {}
}
