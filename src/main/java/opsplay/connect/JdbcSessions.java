package opsplay.connect;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opsplay.core.ConnectionException;
import opsplay.core.SqlSession;

/**
 * Makes PostgreSQL sessions ({@link JdbcSession}) for the sql and wait-until actions. Nothing
 * connects here: a session connects on its first statement.
 */
public final class JdbcSessions implements SqlSession.Factory {
  private final Map<String, String> env;
  private final Path home;

  /** @param env the environment {@code sql_password: env:NAME} reads */
  public JdbcSessions(Map<String, String> env) {
    this(env, Path.of(System.getProperty("user.home")));
  }

  /** @param home the home directory, for {@code file:~/…} password references */
  public JdbcSessions(Map<String, String> env, Path home) {
    this.env = Map.copyOf(env);
    this.home = home;
  }

  @Override
  public SqlSession open(SqlSession.Target target) {
    return new JdbcSession(target, env, home);
  }

  /**
   * The password the target's reference stands for, so that the run masks it. A password written
   * in clear (refused when connecting) is masked too; one that cannot be read has nothing to mask.
   */
  @Override
  public List<String> secrets(SqlSession.Target target) {
    if (target.password() == null) return List.of();
    try {
      return List.of(PasswordReference.parse(JdbcSession.PASSWORD_VARIABLE, target.password(), env, home).read());
    } catch (IllegalArgumentException e) {
      return List.of(target.password());
    } catch (ConnectionException e) {
      return List.of();
    }
  }
}
