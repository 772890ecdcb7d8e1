package opsplay.lab.openmldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The simulated cluster as data: every scenario file runs on a fresh cluster and each command's
 * stdout must match byte for byte. With {@code -Dlab.openmldb.record=true} the expected blocks are
 * rewritten from what the lab printed, for review in the diff.
 */
class ScenariosTest {
  @TestFactory
  Stream<DynamicTest> scenarios() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(Scenario.DIR)) {
      files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
  }

  private static void run(Path file) throws IOException {
    Scenario scenario = new Scenario(file);
    Map<Integer, String> outputs = new HashMap<>();
    List<String> problems = scenario.run(outputs);
    if (Boolean.getBoolean("lab.openmldb.record")) {
      record(file, scenario, outputs);
      return;
    }
    assertThat(problems).as("scenario " + file).isEmpty();
  }

  private static void record(Path file, Scenario scenario, Map<Integer, String> outputs) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> result = new ArrayList<>();
    Map<Integer, Scenario.Step> byLine = new HashMap<>();
    scenario.steps.forEach(s -> byLine.put(s.line(), s));
    for (int i = 0; i < lines.size(); i++) {
      result.add(lines.get(i));
      Scenario.Step step = byLine.get(i + 1);
      if (step == null || !step.text().startsWith("$ ")) continue;
      for (int c = 0; c < step.checks().size(); c++) result.add(lines.get(++i));
      i += step.expected().size();
      if (!step.checks().contains("any")) {
        String out = outputs.getOrDefault(step.line(), "");
        if (!out.isEmpty()) result.addAll(List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1));
      }
    }
    Files.write(file, result);
  }
}
