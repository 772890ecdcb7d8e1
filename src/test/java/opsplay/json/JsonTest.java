package opsplay.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain values to JSON text and back, as the journal and --output json need them. */
class JsonTest {
  private final Json json = new Json();

  @Test
  void plainValuesAreWrittenOnOneLine() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event", "host_result");
    event.put("rc", 0);
    event.put("big", 12345678901L);
    event.put("ratio", 0.5);
    event.put("exact", new BigDecimal("1.10"));
    event.put("ok", true);
    event.put("none", null);
    event.put("lines", List.of("a \"b\"", "c\nd", "café ✓"));
    event.put("array", new int[] {1, 2});
    assertThat(json.write(event)).isEqualTo("{\"event\":\"host_result\",\"rc\":0,\"big\":12345678901,\"ratio\":0.5,"
        + "\"exact\":1.10,\"ok\":true,\"none\":null,\"lines\":[\"a \\\"b\\\"\",\"c\\nd\",\"café ✓\"],\"array\":[1,2]}");
  }

  @Test
  void whatIsWrittenReadsBackAsTheSamePlainValues() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("n", 7);
    value.put("long", 12345678901L);
    value.put("huge", new BigInteger("123456789012345678901234567890"));
    value.put("x", 2.5);
    value.put("list", Arrays.asList("s", false, null, List.of(), Map.of()));
    assertThat(json.read(json.write(value))).isEqualTo(value);
  }

  @Test
  void otherValuesAreWrittenAsTheirText() {
    assertThat(json.write(List.of(java.time.LocalDate.of(2026, 11, 24), 'c'))).isEqualTo("[\"2026-11-24\",\"c\"]");
  }

  @Test
  void invalidTextIsRefusedWithTheReason() {
    assertThatThrownBy(() -> json.read("{\"a\": }")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not valid JSON: Unexpected character ('}'");
    assertThatThrownBy(() -> json.read("{} {}")).hasMessage("not valid JSON: more after the value");
    assertThatThrownBy(() -> json.read("")).hasMessage("not valid JSON: no content");
  }
}
