package opsplay.lab.kwdb;

import java.time.Instant;

/**
 * One simulated machine: its inventory name and address, whether it started as a member or a
 * spare, and the kwbase process it runs now (null: none). A process with node id 0 is up but
 * has not joined: it listens and waits, as a real node does whose {@code --join} leads nowhere.
 */
final class Host {
  /** A running kwbase: its pid, how it was started, whether systemd started it, and the node it serves. */
  record Process(int pid, StartSpec spec, boolean viaUnit, int nodeId) {
    Process joined(int id) {
      return new Process(pid, spec, viaUnit, id);
    }
  }

  final String name;
  final String address;
  final int index;
  final boolean member;
  boolean down;
  Process process;
  /** The process that ran last, for a restart from another host. */
  Process lastProcess;
  /** When the kaiwudb unit last changed state, and whether it last ended in failure (for systemctl status). */
  Instant unitSince;
  boolean unitFailed;
  private int starts;

  Host(String name, String address, int index, boolean member) {
    this.name = name;
    this.address = address;
    this.index = index;
    this.member = member;
  }

  boolean running() {
    return process != null;
  }

  /** Whether systemd sees the kaiwudb unit's main process (deploy.sh's "running" test). */
  boolean unitActive() {
    return process != null && process.viaUnit();
  }

  /** A plausible, deterministic pid for the next start on this host. */
  int nextPid() {
    return 4000 + index * 211 + 17 * ++starts;
  }
}
