package kuzet.brokeraccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoPasswordHashTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void hashHasMosquittoSevenLayoutWithTwelveByteSaltAndSixtyFourByteHash() {
    String h = MosquittoPasswordHash.hash("s3cret-password", random);
    String[] parts = h.split("\\$");
    assertThat(parts[1]).isEqualTo("7");
    assertThat(parts[2]).isEqualTo(Integer.toString(MosquittoPasswordHash.ITERATIONS));
    assertThat(Base64.getDecoder().decode(parts[3])).hasSize(12);
    assertThat(Base64.getDecoder().decode(parts[4])).hasSize(64);
    assertThat(MosquittoPasswordHash.isWellFormed(h)).isTrue();
  }

  @Test
  void verifiesTheRightPasswordOnlyAndSaltsEachHash() {
    String h = MosquittoPasswordHash.hash("right", random);
    assertThat(MosquittoPasswordHash.verify("right", h)).isTrue();
    assertThat(MosquittoPasswordHash.verify("wrong", h)).isFalse();
    assertThat(MosquittoPasswordHash.hash("right", random)).isNotEqualTo(h);
  }

  @Test
  void malformedHashesVerifyNothingInsteadOfThrowing() {
    for (String bad : new String[] {null, "", "$6$abc", "$7$x$y$z", "$7$101$!!!$AAAA", "$7$101$AAAA$AAAA",
        "$7$0$" + "A".repeat(16) + "$" + "A".repeat(88), "$7$101$only-two"}) {
      assertThat(MosquittoPasswordHash.verify("any", bad)).as(bad).isFalse();
      assertThat(MosquittoPasswordHash.isWellFormed(bad)).as(bad).isFalse();
    }
  }

  @Test
  void emptyPasswordIsRefused() {
    assertThatThrownBy(() -> MosquittoPasswordHash.hash("", random)).hasMessageContaining("empty");
  }

  @Test
  void acceptsHashesWrittenByMosquittoPasswd(@TempDir Path dir) throws Exception {
    Path tool = Path.of("/usr/bin/mosquitto_passwd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(tool), "mosquitto_passwd is installed by ./run test");
    Path file = dir.resolve("pw");
    Process p = new ProcessBuilder(tool.toString(), "-b", "-c", file.toString(), "post-01", "from-mosquitto")
        .redirectErrorStream(true).start();
    assertThat(p.waitFor()).isZero();
    String line = Files.readString(file).strip();
    String hash = line.substring(line.indexOf(':') + 1);
    assertThat(MosquittoPasswordHash.isWellFormed(hash)).isTrue();
    assertThat(MosquittoPasswordHash.verify("from-mosquitto", hash)).isTrue();
    assertThat(MosquittoPasswordHash.verify("from-kuzet", hash)).isFalse();
  }
}
