package opsplay.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one class that touches Jackson: plain Java values to JSON text and back. Thread-safe.
 *
 * <p>Only Jackson's streaming core is used, not its object mapper: opsplay writes plain values
 * (maps, lists, strings, numbers, booleans, null), and the mapper's start-up cost was a tenth of a
 * preview's time. Any other value is written as its {@code toString()}.
 */
public final class Json {
  private final JsonFactory factory = new JsonFactory();

  /** One line of JSON (no newlines inside). */
  public String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = factory.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Float f) {
      g.writeNumber(f);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      g.writeStartArray();
      for (Object item : items) write(g, item);
      g.writeEndArray();
    } else if (value instanceof byte[] bytes) {
      g.writeBinary(bytes);
    } else if (value.getClass().isArray()) {
      g.writeStartArray();
      for (int i = 0; i < Array.getLength(value); i++) write(g, Array.get(value, i));
      g.writeEndArray();
    } else {
      g.writeString(value.toString());
    }
  }

  /** Plain Java values (Map, List, String, Number, Boolean, null) from JSON text. */
  public Object read(String text) {
    try (JsonParser parser = factory.createParser(text)) {
      if (parser.nextToken() == null) throw new IllegalArgumentException("not valid JSON: no content");
      Object value = read(parser);
      if (parser.nextToken() != null) throw new IllegalArgumentException("not valid JSON: more after the value");
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does not fail
    }
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, read(p));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p));
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getNumberValue(); // Integer, Long or BigInteger: the smallest that holds it
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return token == JsonToken.VALUE_TRUE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("not valid JSON: unexpected " + token);
    }
  }
}
