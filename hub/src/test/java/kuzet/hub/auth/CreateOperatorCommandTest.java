package kuzet.hub.auth;

import kuzet.store.StoreSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CreateOperatorCommandTest {
  @TempDir
  Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cmd = new CommandLine(new CreateOperatorCommand(StoreSettings.sqlite(dir.resolve("hub.db")), Clock.systemUTC()));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void theFirstAdminGetsAGeneratedPasswordPrintedOnceAndStoredOnlyAsAHash() throws Exception {
    assertThat(run("--username", "chief")).isEqualTo(0);
    Matcher m = Pattern.compile("Password \\(shown only this once.*\\): (\\S+)").matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    String password = m.group(1);
    assertThat(out.toString().indexOf(password)).isEqualTo(out.toString().lastIndexOf(password));
    try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(dir.resolve("hub.db")))) {
      Operator chief = store.find("chief").orElseThrow();
      assertThat(chief.role()).isEqualTo(Role.ADMIN);
      assertThat(chief.passwordHash()).doesNotContain(password);
      assertThat(Argon2Passwords.DEFAULT.verify(password, chief.passwordHash())).isTrue();
    }
  }

  @Test
  void aPasswordFromAFileIsUsedAndNotPrinted() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "file-password-123\n");
    assertThat(run("--username", "op7", "--role", "operator", "--password-file", file.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("Added operator 'op7'").doesNotContain("file-password-123");
    try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(dir.resolve("hub.db")))) {
      assertThat(Argon2Passwords.DEFAULT.verify("file-password-123", store.find("op7").orElseThrow().passwordHash())).isTrue();
    }
  }

  @Test
  void theHubConfigFileSaysWhereTheDatabaseIs() throws Exception {
    Path data = dir.resolve("hubdata");
    Path config = Files.writeString(dir.resolve("hub.properties"), "hub.dataDir=" + data + "\n");
    CommandLine cmd = new CommandLine(new CreateOperatorCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    assertThat(cmd.execute("--config", config.toString(), "--username", "chief", "--role", "viewer")).isEqualTo(0);
    try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(data.resolve("hub.db")))) {
      assertThat(store.find("chief").orElseThrow().role()).isEqualTo(Role.VIEWER);
    }
    Path broken = Files.writeString(dir.resolve("broken.properties"), "http.port=eighty\n");
    assertThat(cmd.execute("--config", broken.toString(), "--username", "chief2")).isEqualTo(2);
    assertThat(err.toString()).contains("Cannot read the hub config").contains("http.port");
    assertThat(new CommandLine(new CreateOperatorCommand()).setErr(new PrintWriter(err, true))
        .execute("--username", "chief3")).isEqualTo(2);
    assertThat(err.toString()).contains("Give --config");
  }

  @Test
  void badInputIsRefusedWithTheReason() throws Exception {
    assertThat(run("--username", "chief")).isEqualTo(0);
    assertThat(run("--username", "chief")).isEqualTo(1);
    assertThat(err.toString()).contains("already exists");
    assertThat(run("--username", "x2", "--role", "captain")).isEqualTo(1);
    assertThat(err.toString()).contains("role 'captain' is not one of");
    assertThat(run("--username", "x3", "--password-file", Files.writeString(dir.resolve("short"), "abc").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("at least 12 characters");
    assertThat(run("--username", "x4", "--password-file", Files.writeString(dir.resolve("empty"), "").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("is empty");
    assertThat(run("--username", "x5", "--password-file", dir.resolve("missing").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("Cannot read the password file");
    assertThat(run("--username", "Has Space")).isEqualTo(1);
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--username");
  }
}
