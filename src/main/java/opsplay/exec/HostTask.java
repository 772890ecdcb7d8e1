package opsplay.exec;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Host;
import opsplay.core.Secrets;
import opsplay.core.TaskContext;
import opsplay.core.Vars;

/** One task on one host in this run: what its action may see and use. */
final class HostTask implements TaskContext {
  private final Host host;
  private final Vars vars;
  private final Connection connection;
  private final Secrets secrets;
  private final Duration timeout;
  private final Map<String, String> environment;
  private final String becomeUser;
  private final Clock clock;
  private final RunState state;
  private final Consumer<String> progress;

  HostTask(Host host, Vars vars, Connection connection, Secrets secrets, Duration timeout,
      Map<String, String> environment, String becomeUser, Clock clock, RunState state, Consumer<String> progress) {
    this.host = host;
    this.vars = vars;
    this.connection = connection;
    this.secrets = secrets;
    this.timeout = timeout;
    this.environment = environment;
    this.becomeUser = becomeUser;
    this.clock = clock;
    this.state = state;
    this.progress = progress;
  }

  @Override public Host host() { return host; }
  @Override public Vars vars() { return vars; }
  @Override public Connection connection() throws ConnectionException { return connection; }
  @Override public Secrets secrets() { return secrets; }
  @Override public Duration timeout() { return timeout; }
  @Override public Map<String, String> environment() { return environment; }
  @Override public String becomeUser() { return becomeUser; }
  @Override public Clock clock() { return clock; }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      if (state.interrupted()) throw new InterruptedException("interrupted");
      long left = Math.min(end - System.nanoTime(), 100_000_000L);
      if (left > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  @Override
  public void progress(String message) {
    progress.accept(secrets.mask(message));
  }
}
