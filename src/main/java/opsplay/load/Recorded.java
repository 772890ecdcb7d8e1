package opsplay.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opsplay.core.Compiler;
import opsplay.core.Condition;
import opsplay.core.Node;
import opsplay.core.SourcePos;
import opsplay.core.Template;
import opsplay.core.Value;

/** A compiler that remembers everything it compiled, so the names they use can be checked afterwards. */
final class Recorded implements Compiler {
  /** One compiled string: where it is and the variable names it uses. */
  record Item(SourcePos pos, Set<String> names) {}

  private final Compiler compiler;
  private final List<Item> items = new ArrayList<>();

  Recorded(Compiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public Template template(Node node) {
    Template t = compiler.template(node);
    items.add(new Item(t.pos(), t.names()));
    return t;
  }

  @Override
  public Condition condition(Node node) {
    Condition c = compiler.condition(node);
    items.add(new Item(c.pos(), c.names()));
    return c;
  }

  @Override
  public Value value(Node node) {
    Value v = compiler.value(node);
    items.add(new Item(v.pos(), v.names()));
    return v;
  }

  @Override
  public Template file(String relativePath, SourcePos pos) {
    Template t = compiler.file(relativePath, pos);
    items.add(new Item(t.pos(), t.names()));
    return t;
  }

  List<Item> items() {
    return List.copyOf(items);
  }
}
