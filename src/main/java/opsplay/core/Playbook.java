package opsplay.core;

import java.util.List;

/** A loaded playbook: its file and its plays, in order. */
public record Playbook(String file, List<Play> plays) {
  public Playbook {
    plays = List.copyOf(plays);
  }
}
