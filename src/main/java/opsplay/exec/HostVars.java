package opsplay.exec;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import opsplay.core.Inventory;

/**
 * The {@code hostvars} magic variable: every host's variables, computed only when one is looked
 * up, so that a run over many hosts does not copy every host's variables into every task.
 */
final class HostVars extends AbstractMap<String, Object> {
  private final Inventory inventory;
  private final Function<String, Map<String, Object>> varsOf;

  HostVars(Inventory inventory, Function<String, Map<String, Object>> varsOf) {
    this.inventory = inventory;
    this.varsOf = varsOf;
  }

  @Override
  public boolean containsKey(Object key) {
    return inventory.hosts().containsKey(key);
  }

  @Override
  public Object get(Object key) {
    return containsKey(key) ? varsOf.apply((String) key) : null;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Set<Entry<String, Object>> out = new LinkedHashSet<>();
    for (String h : inventory.hosts().keySet()) out.add(new SimpleImmutableEntry<>(h, varsOf.apply(h)));
    return out;
  }
}
