package kuzet.hub.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret a command reads from the first line of a file ('-' for stdin), never from its command line, where every
 * user of the machine could read it in the process list.
 */
public final class SecretFile {
  private SecretFile() {
  }

  /** The first line; an empty or missing line is refused with a message that names the file. */
  public static String firstLine(String file) throws IOException {
    String line;
    if (file.equals("-")) {
      line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } else {
      try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        line = r.readLine();
      }
    }
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("the password file " + file + " is empty");
    }
    return line;
  }
}
