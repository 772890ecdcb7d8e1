package opsplay.lab.kwdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.lab.Output;

/** Reads kwbase's TSV output the way a playbook would: the header names the columns, one map per row, by id. */
final class NodeStatus {
  private NodeStatus() {}

  static Map<Integer, Map<String, String>> parse(Output out) {
    if (out.rc() != 0) {
      throw new AssertionError("kwbase failed: " + out);
    }
    List<String> lines = out.stdout().lines().toList();
    String[] header = lines.get(0).split("\t");
    Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], f[i]);
      }
      rows.put(Integer.valueOf(f[0]), row);
    }
    return rows;
  }

  /** {@code kwbase node status --insecure [flags]} on {@code host}, read. */
  static Map<Integer, Map<String, String>> of(LabRig rig, String host, String... flags) {
    String[] args = new String[flags.length + 3];
    args[0] = "node";
    args[1] = "status";
    args[2] = "--insecure";
    System.arraycopy(flags, 0, args, 3, flags.length);
    return parse(rig.kwbase(host, args));
  }
}
