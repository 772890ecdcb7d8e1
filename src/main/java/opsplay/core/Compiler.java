package opsplay.core;

/**
 * Turns YAML nodes into templates, conditions and values. Syntax errors go to the Diagnostics the
 * compiler was made with, and a harmless placeholder is returned so that loading can go on.
 */
public interface Compiler {
  Template template(Node node);

  Condition condition(Node node);

  Value value(Node node);

  /**
   * A whole file from the playbook's {@code templates/} folder as a template ({@code relativePath}
   * such as {@code kwdb/kaiwudb.service.mustache}); a missing file is reported at {@code pos}.
   */
  Template file(String relativePath, SourcePos pos);
}
