package kuzet.provisioning.artemis;

import java.security.SecureRandom;
import kuzet.brokeraccount.MosquittoPasswordHash;
import org.apache.activemq.artemis.utils.SensitiveDataCodec;

/**
 * Lets Artemis's PropertiesLoginModule check a password against the registry's Mosquitto {@code $7$} hash, written
 * as {@code ENC($7$...)} in kuzet-users.properties. The registry keeps only that hash (PBKDF2-HMAC-SHA512), and
 * Artemis's own one-way codec is fixed to PBKDF2-HMAC-SHA1, so without this codec every post would need a new
 * password to move to Artemis. Runs inside the broker only: {@code broker export --broker artemis} packs it, with
 * {@link MosquittoPasswordHash}, into kuzet-artemis-codec.jar for the broker instance's lib directory.
 */
public final class MosquittoHashCodec implements SensitiveDataCodec<String> {

  /** One-way: a hash has no clear password to give back. */
  @Override
  public String decode(Object mask) {
    throw new IllegalArgumentException("a Mosquitto $7$ hash is one-way and cannot be decoded");
  }

  @Override
  public String encode(Object secret) {
    return MosquittoPasswordHash.hash(String.valueOf(secret), new SecureRandom());
  }

  @Override
  public boolean verify(char[] value, String encoded) {
    return value != null && MosquittoPasswordHash.verify(new String(value), encoded);
  }
}
