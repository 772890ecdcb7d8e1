package opsplay.actions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.ActionException;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Template;

/**
 * The tcp probe of wait-until: whether {@code host:port} accepts a connection, tried from the
 * controller (where opsplay runs). A bare port means the host's {@code address} (or its name).
 * Registers {@code open}; a closed port is an answer, not a failure.
 */
record PortProbe(Template address) implements Action {
  private static final Duration CONNECT = Duration.ofSeconds(3);

  @Override
  public Plan plan(TaskContext ctx) throws ActionException {
    String where = ctx.render(address).strip();
    if (where.matches("\\d+")) {
      Object a = ctx.vars().asMap().get("address");
      where = (a == null ? ctx.host().name() : String.valueOf(a)) + ":" + where;
    }
    int colon = where.lastIndexOf(':');
    String port = colon < 0 ? "" : where.substring(colon + 1);
    if (colon <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new ActionException("tcp: expected host:port such as db1:5432, found '" + where + "'");
    }
    String host = where.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
    return Plan.readOnly(List.of(new Plan.Step("tcp", where, where)), Map.of("host", host, "port", Integer.parseInt(port)));
  }

  /** Connects and closes at once; the task's timeout (default 3s) bounds the attempt. */
  @Override
  public Result apply(Plan plan, TaskContext ctx) {
    String host = (String) plan.data().get("host");
    int port = (Integer) plan.data().get("port");
    String where = plan.steps().get(0).text();
    Duration limit = ctx.timeout() != null ? ctx.timeout() : CONNECT;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit.toMillis())));
      return Result.of(Result.Status.OK, where + " is open", Map.of("open", true));
    } catch (IOException e) {
      String why = e instanceof java.net.UnknownHostException ? "unknown host " + host
          : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Result.of(Result.Status.OK, where + " is closed (" + why + ")", Map.of("open", false));
    }
  }
}
