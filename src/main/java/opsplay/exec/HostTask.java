package opsplay.exec;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import opsplay.core.ActionException;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Host;
import opsplay.core.Secrets;
import opsplay.core.SqlSession;
import opsplay.core.Task;
import opsplay.core.TaskContext;
import opsplay.core.Vars;

/** One task on one host in this run: what its action may see and use. */
final class HostTask implements TaskContext {
  /** The task's settings on this host, rendered. */
  record Settings(Duration timeout, Map<String, String> environment, String becomeUser) {}

  private final Task task;
  private final Host host;
  private final Vars vars;
  private final Connection connection;
  private final Settings settings;
  private final Shared shared;
  private final Consumer<String> progress;

  HostTask(Task task, Host host, Vars vars, Connection connection, Settings settings, Shared shared,
      Consumer<String> progress) {
    this.task = task;
    this.host = host;
    this.vars = vars;
    this.connection = connection;
    this.settings = settings;
    this.shared = shared;
    this.progress = progress;
  }

  @Override public Host host() { return host; }
  @Override public Vars vars() { return vars; }
  @Override public Connection connection() { return connection; }
  @Override public Secrets secrets() { return shared.state().secrets(); }
  @Override public Duration timeout() { return settings.timeout(); }
  @Override public Map<String, String> environment() { return settings.environment(); }
  @Override public String becomeUser() { return settings.becomeUser(); }
  @Override public Clock clock() { return shared.clock(); }
  @Override public boolean diff() { return shared.diff(); }

  @Override
  public SqlSession sql(SqlSession.Target target) {
    // the password is masked before anything this session does can be shown
    shared.state().addSecrets(shared.databases().secrets(target));
    return shared.databases().get(host.name(), target);
  }

  @Override
  public Connection connectionTo(String name) throws ConnectionException {
    return shared.connectionTo(name);
  }

  @Override
  public String pause(String prompt, Duration wait) throws ActionException, InterruptedException {
    return shared.pauses().pause(task, prompt, wait, this);
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      if (shared.state().interrupted()) throw new InterruptedException("interrupted");
      long left = Math.min(end - System.nanoTime(), 100_000_000L);
      if (left > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  @Override
  public void progress(String message) {
    progress.accept(secrets().mask(message));
  }
}
