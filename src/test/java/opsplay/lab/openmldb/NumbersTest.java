package opsplay.lab.openmldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How ns_client and gflags read their arguments (reference §4 pid_group, §1.1). */
class NumbersTest {
  @ParameterizedTest(name = "pid group {0}")
  @CsvSource(delimiter = ';', value = {"3; [3]", "1,3,5; [1, 3, 5]", "5,1,5; [1, 5]", "1-4; [1, 2, 3, 4]",
      "2-2; [2]"})
  void pidGroups(String arg, String pids) {
    assertThat(Numbers.pidGroup(arg).pids()).hasToString(pids);
  }

  @ParameterizedTest(name = "pid group {0}")
  @CsvSource(delimiter = ';', value = {
      "1,3-5; pid group[1,3-5] format error\\n",
      "-1; pid group[-1] format error\\n",
      "1,,2; pid group[1,,2] format error\\n",
      "a; pid group[a] format error\\n",
      "5-1; has not valid pid\\n",
      "4294967296; Invalid args. pid should be uint32_t\\npid group[4294967296] format error\\n"})
  void badPidGroups(String arg, String lines) {
    assertThat(Numbers.pidGroup(arg).error()).isEqualTo(lines.replace("\\n", "\n"));
  }

  @Test
  void aHugeRangeKeepsItsEnds() {
    assertThat(Numbers.pidGroup("0-4294967295").pids()).contains(0L, 4096L, 4294967295L).hasSize(4098);
  }

  @Test
  void lexicalCastLikeBoost() {
    assertThat(Numbers.uint32("-1")).contains(4294967295L);
    assertThat(Numbers.uint32("+7")).contains(7L);
    assertThat(Numbers.uint32(" 7")).isEmpty();
    assertThat(Numbers.uint32("4294967296")).isEmpty();
    assertThat(Numbers.int32("-5")).contains(-5L);
    assertThat(Numbers.int32("2147483648")).isEmpty();
  }

  @Test
  void gflagsForms() throws Flags.Refused {
    Flags f = Flags.parse(List.of("--cmd", "showtable t", "-role=ns_client", "--nointeractive", "stray", "--",
        "--bogus"));
    assertThat(f.string("cmd")).isEqualTo("showtable t");
    assertThat(f.string("role")).isEqualTo("ns_client");
    assertThat(f.bool("interactive")).isFalse();
    assertThat(f.string("zk_root_path")).isEqualTo("/openmldb");
    assertThat(Flags.parse(List.of("--interactive")).bool("interactive")).isTrue();
    assertThat(Flags.parse(List.of("--interactive=No")).bool("interactive")).isFalse();
  }

  @Test
  void gflagsRefusals() {
    assertThatThrownBy(() -> Flags.parse(List.of("--nosuch=1")))
        .hasMessage("ERROR: unknown command line flag 'nosuch'\n");
    assertThatThrownBy(() -> Flags.parse(List.of("--max_col_display_length=-3")))
        .hasMessage("ERROR: illegal value '-3' specified for uint32 flag 'max_col_display_length'\n");
    assertThatThrownBy(() -> Flags.parse(List.of("--cmd")))
        .hasMessage("ERROR: flag 'cmd' is missing its argument\n");
  }
}
