package opsplay.load;

import java.util.Map;
import opsplay.core.Diagnostics;
import opsplay.core.Inventory;
import opsplay.core.Playbook;

/** What loading produced: the problems found, and the playbook, inventory and extra vars (usable only without errors). */
public record Loaded(Diagnostics diagnostics, Playbook playbook, Inventory inventory, Map<String, Object> extraVars) {}
