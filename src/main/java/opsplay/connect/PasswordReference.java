package opsplay.connect;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import opsplay.core.ConnectionException;

/**
 * Where a password (ssh_password, sql_password) comes from: {@code env:NAME} (an environment
 * variable) or {@code file:PATH} (the first line of a file). A password written in clear is
 * refused. {@link #toString} shows the reference, never the password.
 */
public final class PasswordReference {
  private final String variable;
  private final String reference;
  private final String fromEnvironment;
  private final Path file;

  private PasswordReference(String variable, String reference, String fromEnvironment, Path file) {
    this.variable = variable;
    this.reference = reference;
    this.fromEnvironment = fromEnvironment;
    this.file = file;
  }

  /**
   * Reads {@code env:NAME} or {@code file:PATH} ({@code ~} is the home directory). Cheap: an
   * environment variable is looked up now, a file is only read by {@link #read}.
   *
   * @throws IllegalArgumentException for anything else, with a message that says why
   */
  public static PasswordReference parse(String reference, Map<String, String> env, Path home) {
    return parse("ssh_password", reference, env, home);
  }

  /** As {@link #parse(String, Map, Path)}, for the variable named {@code variable} (used in messages). */
  public static PasswordReference parse(String variable, String reference, Map<String, String> env, Path home) {
    if (reference.startsWith("env:") && reference.length() > 4) {
      return new PasswordReference(variable, reference, env.get(reference.substring(4)), null);
    }
    if (reference.startsWith("file:") && reference.length() > 5) {
      return new PasswordReference(variable, reference, null, Connector.expandHome(reference.substring(5), home));
    }
    throw new IllegalArgumentException(variable + " must be a reference, env:NAME (an environment variable)"
        + " or file:PATH (a file's first line); a password written in the inventory is refused");
  }

  /** The password. Called on a worker thread when logging in; may read a small file. */
  public String read() throws ConnectionException {
    if (file == null) {
      if (fromEnvironment == null) {
        throw new ConnectionException(variable + " is " + reference + ", but the environment variable "
            + reference.substring(4) + " is not set");
      }
      return fromEnvironment;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null || line.isEmpty()) throw new ConnectionException(variable + " file " + file + " is empty");
      return line;
    } catch (NoSuchFileException e) {
      throw new ConnectionException(variable + " file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConnectionException("cannot read the " + variable + " file " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return reference;
  }
}
