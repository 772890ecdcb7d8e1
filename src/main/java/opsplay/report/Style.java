package opsplay.report;

/** Terminal colours, or none: colour only on a terminal and never when NO_COLOR is set. */
public record Style(boolean colour) {
  public static Style detect(java.util.Map<String, String> env, boolean terminal) {
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    return new Style(terminal && !noColor && !"dumb".equals(env.get("TERM")));
  }

  public String green(String s) { return paint("32", s); }
  public String yellow(String s) { return paint("33", s); }
  public String red(String s) { return paint("31", s); }
  public String cyan(String s) { return paint("36", s); }
  public String bold(String s) { return paint("1", s); }
  public String dim(String s) { return paint("2", s); }

  private String paint(String code, String s) {
    return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
