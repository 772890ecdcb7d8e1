package opsplay.cli;

/** The process exit codes, as ansible-playbook uses them (SPEC §2). */
public enum ExitCode {
  OK(0), ERROR(1), FAILED(2), UNREACHABLE(3), INVALID(4), USAGE(5), INTERRUPTED(99);

  public final int code;

  ExitCode(int code) {
    this.code = code;
  }
}
