package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.List;
import opsplay.lab.Invocation;
import opsplay.lab.Output;
import opsplay.lab.Program;

/**
 * {@code kw-status}, the script {@code deploy.sh install} generates (reference §1.6): {@code kwbase
 * node status} against this host with the security flags of the install, its arguments ignored.
 * On a terminal it prints the table, piped it prints TSV, like kwbase itself.
 */
final class KwStatusProgram implements Program {
  private final Cluster cluster;

  KwStatusProgram(Cluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Output run(Invocation invocation) {
    KwbaseCall call = KwbaseCall.of(cluster, invocation);
    List<String> args = new ArrayList<>();
    args.add(cluster.secure ? "--certs-dir=/etc/kaiwudb/certs" : "--insecure");
    args.add("--host=127.0.0.1:26257");
    try {
      return new NodeCommands(call).status(args);
    } catch (IllegalArgumentException e) {
      return KwbaseCall.failed("node status", e.getMessage());
    }
  }

  /** The generated script's text (bare install): it starts with an empty line, as the generator writes it. */
  static String script(boolean secure) {
    return "\n#!/bin/bash\ncd /usr/local/kaiwudb/bin\nsudo -u kaiwudb ./kwbase node status "
        + (secure ? "--certs-dir=/etc/kaiwudb/certs" : "--insecure") + " --host=127.0.0.1:26257\n";
  }
}
