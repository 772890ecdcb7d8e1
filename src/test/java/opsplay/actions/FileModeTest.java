package opsplay.actions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ways a mode may be written, and the ones refused. */
class FileModeTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "0644 | 0644", "644 | 0644", "0600 | 0600", "4755 | 4755", "u=rw,go=r | 0644", "u=rw,g=r,o= | 0640",
      "a=r | 0444", "u=rwx,g=rx,o=rx | 0755", "ug=rw,o= | 0660"})
  void parses(String text, String octal) {
    assertThat(FileMode.parse(text).octal()).isEqualTo(octal);
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({"0999", "rw-r--r--", "u+x", "''", "12345"})
  void refuses(String text) {
    assertThat(FileMode.parse(text)).isNull();
  }

  @ParameterizedTest(name = "YAML number {0}")
  @CsvSource({"420, 0644", "384, 0600", "511, 0777"})
  void numbersAreWhatYamlReadAsOctal(long number, String octal) {
    assertThat(FileMode.ofNumber(number).octal()).isEqualTo(octal);
  }

  @ParameterizedTest(name = "YAML number {0} is refused")
  @CsvSource({"644", "755", "600", "-1"})
  void numbersAboveOctal777AreOctalWrittenWithoutItsZero(long number) {
    assertThat(FileMode.ofNumber(number)).isNull();
  }
}
