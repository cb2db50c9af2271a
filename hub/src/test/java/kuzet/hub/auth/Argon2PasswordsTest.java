package kuzet.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2PasswordsTest {
  final Argon2Passwords light = new Argon2Passwords(1024, 1, 1);

  @Test
  void theRightPasswordVerifiesAndAWrongOneDoesNot() {
    String hash = light.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain("correct");
    assertThat(light.verify("correct horse battery", hash)).isTrue();
    assertThat(light.verify("correct horse batterY", hash)).isFalse();
    assertThat(light.hash("correct horse battery")).as("fresh salt each time").isNotEqualTo(hash);
  }

  @Test
  void hashesCarryTheirParametersSoOldOnesStillVerifyAfterAnUpgrade() {
    String old = light.hash("a-long-enough-password");
    assertThat(Argon2Passwords.DEFAULT.verify("a-long-enough-password", old)).isTrue();
  }

  @Test
  void unreadableHashesNeverVerify() {
    for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=x,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "$argon2id$v=19$m=1024,t=1,p=1$!!$AAAA"}) {
      assertThat(light.verify("anything", bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  void weakParametersAreRefused() {
    assertThatThrownBy(() -> new Argon2Passwords(4, 1, 1)).hasMessageContaining("too weak");
    assertThatThrownBy(() -> new Argon2Passwords(1024, 0, 1)).hasMessageContaining("too weak");
  }

  @Test
  void generatedPasswordsPassThePolicyAndDiffer() {
    String a = PasswordPolicy.generate();
    PasswordPolicy.check(a);
    assertThat(a).isNotEqualTo(PasswordPolicy.generate()).doesNotContainPattern("[0O1lI]");
  }
}
