package kuzet.provisioning.post;

import java.nio.file.Path;
import kuzet.registry.RegisteredPost;

/** A registered post, where its bundle went, and its password (null for certificate-only posts), shown once. */
public record ProvisionedPost(RegisteredPost post, Path bundle, String password) {
  @Override
  public String toString() {
    return "ProvisionedPost[" + post.id() + ", bundle " + bundle + "]";
  }
}
