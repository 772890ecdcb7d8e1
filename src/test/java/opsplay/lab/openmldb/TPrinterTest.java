package opsplay.lab.openmldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The table printer and number formats against the reference's own samples. */
class TPrinterTest {
  private static final Path SAMPLES = Path.of("src/test/resources/lab/openmldb/tprinter-reference-samples.txt");

  /** One sample: its rows of cells (the first is the header) and the expected text. */
  record Sample(List<List<String>> rows, String expected) {}

  static Stream<Arguments> samples() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    List<String> lines = Files.readAllLines(SAMPLES);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("case ")) continue;
      String name = lines.get(i).substring(5);
      List<List<String>> rows = new ArrayList<>();
      while (lines.get(++i).startsWith("row ")) rows.add(Arrays.asList(lines.get(i).substring(4).split("\\|", -1)));
      StringBuilder expected = new StringBuilder();
      while (++i < lines.size() && !lines.get(i).isEmpty()) expected.append(lines.get(i)).append('\n');
      cases.add(Arguments.of(Named.of(name, new Sample(rows, expected.toString()))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void printsTheReferenceSamples(Sample sample) {
    TPrinter tp = new TPrinter(sample.rows().get(0), 256);
    sample.rows().subList(1, sample.rows().size()).forEach(tp::add);
    assertThat(tp.print()).isEqualTo(sample.expected());
  }

  @Test
  void cutsCellsToTheDisplayLengthBeforeMeasuring() {
    TPrinter tp = new TPrinter(List.of("k", "v"), 4);
    tp.add(List.of("abcdefgh", ""));
    assertThat(tp.print()).isEqualTo("  k     v\n-----------\n  abcd  -\n");
  }

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({"0, 0ms", "523, 523ms", "999, 999ms", "3000, 3s", "3999, 3s", "60000, 1m", "420000, 7m",
      "10800000, 3h", "86399999, 23h", "1296000000, 15d"})
  void agesAsTheReferenceShowsThem(long millis, String expected) {
    assertThat(HumanReadable.time(millis)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} bytes -> {1}")
  @CsvSource({"0, 0.000", "498, 498.000", "1023, 1023.000", "1024, 1.000 K", "1296, 1.266 K", "9347, 9.128 K",
      "8853, 8.646 K", "1048576, 1.000 M", "1610612736, 1.500 G"})
  void sizesAsTheReferenceShowsThem(long bytes, String expected) {
    assertThat(HumanReadable.bytes(bytes)).isEqualTo(expected);
  }
}
