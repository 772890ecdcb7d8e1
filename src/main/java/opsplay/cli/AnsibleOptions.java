package opsplay.cli;

import java.util.List;
import java.util.Map;

/**
 * What opsplay writes instead of the ansible-playbook options an operator types from habit, so
 * that an unknown option such as {@code -u root} or {@code --list-tasks} gets the way to say it
 * here rather than picocli's nearest spelling ({@code --limit}).
 */
final class AnsibleOptions {
  private static final String WRITTEN = " is written here as: ";
  private static final String NO_PASSWORD = " has no counterpart here: become runs sudo -n, so the login user needs sudo"
      + " without a password";
  private static final Map<String, String> INSTEAD = Map.ofEntries(
      Map.entry("--syntax-check", WRITTEN + "opsplay lint PLAYBOOK [-i INVENTORY]"),
      Map.entry("--list-tasks", WRITTEN + "opsplay list PLAYBOOK -i INVENTORY --tasks"),
      Map.entry("--list-hosts", WRITTEN + "opsplay list PLAYBOOK -i INVENTORY --hosts"),
      Map.entry("-u", WRITTEN + "-e ssh_user=USER (or ssh_user in the inventory)"),
      Map.entry("--user", WRITTEN + "-e ssh_user=USER (or ssh_user in the inventory)"),
      Map.entry("--private-key", WRITTEN + "-e ssh_key=PATH (or ssh_key in the inventory)"),
      Map.entry("--key-file", WRITTEN + "-e ssh_key=PATH (or ssh_key in the inventory)"),
      Map.entry("-c", WRITTEN + "-e connection=local (or connection: on the play)"),
      Map.entry("--connection", WRITTEN + "-e connection=local (or connection: on the play)"),
      Map.entry("-b", WRITTEN + "become: true on the play or task"),
      Map.entry("--become", WRITTEN + "become: true on the play or task"),
      Map.entry("--become-user", WRITTEN + "become_user: on the play or task"),
      Map.entry("-k", WRITTEN + "ssh_password: env:NAME in the inventory (read from the environment; nothing prompts)"),
      Map.entry("--ask-pass", WRITTEN + "ssh_password: env:NAME in the inventory (read from the environment; nothing prompts)"),
      Map.entry("-K", NO_PASSWORD),
      Map.entry("--ask-become-pass", NO_PASSWORD),
      Map.entry("-T", WRITTEN + "-e ssh_connect_timeout=SECONDS"),
      Map.entry("--timeout", WRITTEN + "-e ssh_connect_timeout=SECONDS"));

  private AnsibleOptions() {}

  /**
   * The advice for the first of {@code unmatched} arguments when it is an ansible-playbook
   * option ({@code --user=root} counts as {@code --user}), or null.
   */
  static String advice(List<String> unmatched) {
    if (unmatched.isEmpty()) return null;
    String first = unmatched.get(0);
    String option = first.startsWith("--") && first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
    String instead = INSTEAD.get(option);
    return instead == null ? null : "ansible-playbook's " + option + instead;
  }
}
