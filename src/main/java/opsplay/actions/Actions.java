package opsplay.actions;

import java.util.LinkedHashMap;
import java.util.Map;
import opsplay.core.ActionType;

/**
 * Every action a task may name, in one explicit map: "where is ssh defined" is answered by a
 * grep. Adding an action is one class and one line here.
 */
public final class Actions {
  private final Map<String, ActionType> types = new LinkedHashMap<>();

  public Actions() {
    add(SshAction.TYPE);
    add(PrintAction.TYPE);
    add(SetAction.TYPE);
    add(AssertAction.TYPE);
    add(FailAction.TYPE);
    add(SqlAction.TYPE);
    add(WaitUntilAction.TYPE);
    add(PauseAction.TYPE);
    add(TemplateAction.TYPE);
    add(CopyAction.TYPE);
    add(MigrateAction.TYPE);
  }

  private void add(ActionType type) {
    types.put(type.name(), type);
  }

  /** The action named {@code name}, or null. */
  public ActionType type(String name) {
    return types.get(name);
  }

  public Map<String, ActionType> all() {
    return java.util.Collections.unmodifiableMap(types);
  }
}
