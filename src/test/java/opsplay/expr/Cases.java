package opsplay.expr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.core.Node;
import opsplay.core.SourcePos;
import opsplay.core.Vars;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.yaml.snakeyaml.Yaml;

/** Test tables kept as YAML under src/test/resources/expr/, read as the loader's plain data. */
final class Cases {
  private Cases() {}

  /** Each case of a resource file, named by its first value, as one argument. */
  @SuppressWarnings("unchecked")
  static Stream<Arguments> of(String resource) {
    try (InputStream in = Cases.class.getResourceAsStream("/expr/" + resource)) {
      if (in == null) throw new IllegalArgumentException("no test resource expr/" + resource);
      List<Map<String, Object>> cases = (List<Map<String, Object>>) plain(new Yaml().load(in));
      return cases.stream().map(c -> Arguments.of(Named.of(String.valueOf(c), c)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML data as variables hold it: snakeyaml's Integers become Longs, as the loader's do. */
  static Object plain(Object yaml) {
    if (yaml instanceof Integer i) return i.longValue();
    if (yaml instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (yaml instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return yaml;
  }

  @SuppressWarnings("unchecked")
  static Vars vars(Object map) {
    return map == null ? Vars.empty() : Vars.of((Map<String, Object>) plain(map));
  }

  /** A node tree for plain data, every node at {@code pos}. */
  static Node node(Object value, SourcePos pos) {
    Object v = plain(value);
    if (v instanceof Map<?, ?> map) {
      Map<String, Node> out = new LinkedHashMap<>();
      map.forEach((k, item) -> out.put((String) k, node(item, pos)));
      return new Node(pos, out, Map.of());
    }
    if (v instanceof List<?> list) {
      List<Node> out = new ArrayList<>();
      list.forEach(item -> out.add(node(item, pos)));
      return new Node(pos, out, Map.of());
    }
    return Node.scalar(pos, v);
  }
}
