package opsplay.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opsplay.core.Condition;
import opsplay.core.SourcePos;
import opsplay.core.Template;
import opsplay.core.Value;
import opsplay.core.Vars;

/** The shapes a compiled YAML value takes; each is immutable and evaluates to plain data. */
final class Values {
  private Values() {}

  /** A scalar without templates: a number, a boolean, null or a plain string. */
  record Constant(SourcePos pos, Object value) implements Value {
    @Override
    public Object evaluate(Vars vars) {
      return value;
    }

    @Override
    public Set<String> names() {
      return Set.of();
    }
  }

  /** {@code {{a.b.0}}} alone: the variable itself, with its type (a list stays a list). */
  record Named(SourcePos pos, String path) implements Value {
    @Override
    public Object evaluate(Vars vars) {
      return vars.get(path, pos);
    }

    @Override
    public Set<String> names() {
      return Set.of(path.split("\\.")[0]);
    }
  }

  /** {@code {{ expression }}} alone: the expression's value, with its type. */
  record Computed(SourcePos pos, Condition expression) implements Value {
    @Override
    public Object evaluate(Vars vars) {
      return expression.evaluate(vars);
    }

    @Override
    public Set<String> names() {
      return expression.names();
    }
  }

  /** Any other string with tags: the rendered text. */
  record Rendered(SourcePos pos, Template template) implements Value {
    @Override
    public Object evaluate(Vars vars) {
      return template.render(vars);
    }

    @Override
    public Set<String> names() {
      return template.names();
    }
  }

  /** A YAML list, evaluated item by item. */
  record ListOf(SourcePos pos, List<Value> items) implements Value {
    ListOf {
      items = List.copyOf(items);
    }

    @Override
    public Object evaluate(Vars vars) {
      List<Object> out = new ArrayList<>(items.size());
      for (Value item : items) out.add(item.evaluate(vars));
      return Collections.unmodifiableList(out);
    }

    @Override
    public Set<String> names() {
      return union(items);
    }
  }

  /** A YAML mapping, evaluated entry by entry; the keys are taken as written. */
  record MapOf(SourcePos pos, Map<String, Value> entries) implements Value {
    MapOf {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public Object evaluate(Vars vars) {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.evaluate(vars)));
      return Collections.unmodifiableMap(out);
    }

    @Override
    public Set<String> names() {
      return union(entries.values());
    }
  }

  private static Set<String> union(Iterable<Value> values) {
    Set<String> names = new LinkedHashSet<>();
    values.forEach(v -> names.addAll(v.names()));
    return Collections.unmodifiableSet(names);
  }
}
