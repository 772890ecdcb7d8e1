package opsplay.lab.kwdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden-output case file: directive lines ({@code key value…}, {@code #} comments), then
 * sections opened by {@code --- name [value]} whose text runs to the next section. In expected
 * text {@code {ESC}} stands for the escape character and {@code {CLEAR}} for deploy.sh's line of
 * 123 blanks and a carriage return, so the files stay readable; tabs are literal; a section
 * ending in {@code {NOEOL}} ends without a line break; {@code {SANDBOX}} is the checked host's
 * sandbox directory, for the paths deploy.sh prints.
 */
record GoldenCase(Path file, List<List<String>> directives, Map<String, String> sections, Map<String, String> sectionArgs) {

  static GoldenCase read(Path file) throws IOException {
    List<List<String>> directives = new ArrayList<>();
    Map<String, String> sections = new LinkedHashMap<>();
    Map<String, String> args = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : Files.readString(file).split("\n", -1)) {
      if (line.startsWith("--- ")) {
        if (current != null) {
          sections.put(current, text.toString());
        }
        String[] head = line.substring(4).split(" ", 2);
        current = head[0];
        args.put(current, head.length > 1 ? head[1] : "");
        text.setLength(0);
      } else if (current != null) {
        text.append(line).append('\n');
      } else if (!line.isBlank() && !line.startsWith("#")) {
        directives.add(List.of(line.strip().split("\\s+")));
      }
    }
    if (current != null) {
      // The file's own final newline ends the last section; it is not part of the expected text.
      sections.put(current, text.substring(0, Math.max(0, text.length() - 1)));
    }
    return new GoldenCase(file, directives, sections, args);
  }

  /** A section's expected text with the placeholders replaced ({@code {SANDBOX}}: the checked host's sandbox). */
  String expected(String section, String sandbox) {
    String t = sections.get(section);
    if (t == null) {
      return null;
    }
    // {NOEOL} at the end of a section: the output ends without a line break.
    t = t.endsWith("{NOEOL}\n") ? t.substring(0, t.length() - "{NOEOL}\n".length()) : t;
    return t.replace("{CLEAR}", " ".repeat(123) + "\r").replace("{ESC}", "\u001b").replace("{SANDBOX}", sandbox);
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
