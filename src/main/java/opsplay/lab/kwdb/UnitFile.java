package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kaiwudb systemd unit that {@code deploy.sh install} writes (reference §1.5), and the
 * command its {@code ExecStart=} line runs, with {@code $KAIWUDB_START_ARG} taken from the
 * environment file as systemd would.
 */
final class UnitFile {
  static final String PATH = "/etc/systemd/system/kaiwudb.service";
  static final String WANTS = "/etc/systemd/system/multi-user.target.wants/kaiwudb.service";
  static final String ENV_FILE = "/etc/kaiwudb/script/kaiwudb_env";

  private UnitFile() {}

  /** The unit for a bare-metal install at {@code address}; {@code singleReplica} picks the start subcommand. */
  static String render(String address, boolean secure, boolean singleReplica) {
    String mode = singleReplica ? "start-single-replica" : "start";
    String security = secure ? "--certs-dir=/etc/kaiwudb/certs" : "--insecure";
    return "[Unit]\nDescription=KaiwuDB Service\nAfter=network.target\nWants=network.target\n[Service]\n"
        + "User=kaiwudb\nGroup=kaiwudb\nType=simple\nLimitMEMLOCK=infinity\nLimitNOFILE=1048576\n"
        + "WorkingDirectory=/usr/local/kaiwudb/bin\nEnvironmentFile=" + ENV_FILE + "\n"
        + "ExecStartPre=/usr/bin/sudo /usr/sbin/sysctl -w vm.max_map_count=10000000\n"
        + "ExecStart=/usr/local/kaiwudb/bin/kwbase " + mode + " $KAIWUDB_START_ARG " + security
        + " --listen-addr=0.0.0.0:26257 --advertise-addr=" + address + ":26257 --http-addr=0.0.0.0:8080"
        + " --brpc-addr=0.0.0.0:27257 --store=/var/lib/kaiwudb  --join " + address + ":26257\n"
        + "ExecStop=/bin/kill $MAINPID\nKillMode=control-group\n# Restart=on-failure\n"
        + "RestartPreventExitStatus=INVALIDARGUMENT\n[Install]\nWantedBy=multi-user.target\n";
  }

  /** The ExecStart= line's value, or null when the unit has none. */
  static String execStart(String unit) {
    return unit.lines().filter(l -> l.startsWith("ExecStart=")).map(l -> l.substring("ExecStart=".length()))
        .findFirst().orElse(null);
  }

  /** The words the service's process runs, {@code $KAIWUDB_START_ARG} expanded from the environment file's text. */
  static List<String> command(String execStart, String envFile) {
    String extra = "";
    if (envFile != null) {
      extra = envFile.lines().filter(l -> l.startsWith("KAIWUDB_START_ARG=")).findFirst()
          .map(l -> l.substring("KAIWUDB_START_ARG=".length()).replaceAll("^\"|\"$", "")).orElse("");
    }
    List<String> words = new ArrayList<>();
    for (String w : execStart.strip().split("\\s+")) {
      if (w.equals("$KAIWUDB_START_ARG") || w.equals("${KAIWUDB_START_ARG}")) {
        words.addAll(Arrays.stream(extra.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList());
      } else {
        words.add(w);
      }
    }
    return words;
  }
}
