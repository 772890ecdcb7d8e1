package opsplay.core;

/** Where something was read from: a file, a 1-based line and a 1-based column. Travels with the data. */
public record SourcePos(String file, int line, int column) {
  /** For values that come from the command line or the engine itself. */
  public static SourcePos of(String origin) {
    return new SourcePos(origin, 0, 0);
  }

  /** The same line of the same file, at {@code column}: for pointing at a word inside what was read. */
  public SourcePos atColumn(int column) {
    return new SourcePos(file, line, column);
  }

  public boolean hasLine() {
    return line > 0;
  }

  @Override
  public String toString() {
    return hasLine() ? file + ":" + line + ":" + column : file;
  }
}
