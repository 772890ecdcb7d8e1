package opsplay.exec;

import java.util.Map;
import opsplay.core.Result;

/**
 * What an earlier run of the same playbook finished, by task id and host: --resume skips those
 * pairs and restores what they registered. {@link #NONE} for a fresh run.
 */
public record Resumed(String runId, Map<String, Map<String, Result>> finished) {
  public static final Resumed NONE = new Resumed("", Map.of());

  /** The earlier result of a task on a host, or null when it has to run. */
  public Result finished(String taskId, String host) {
    Map<String, Result> hosts = finished.get(taskId);
    return hosts == null ? null : hosts.get(host);
  }
}
