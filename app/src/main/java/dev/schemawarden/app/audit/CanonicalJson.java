package dev.schemawarden.app.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.schemawarden.analyzers.api.Sha256;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one canonical JSON form the audit chain hashes: object keys sorted by code point, no whitespace, strings
 * escaped as JSON requires (non-ASCII kept as UTF-8), integers in plain decimal, other numbers as the shortest
 * plain decimal ({@code 1.50} and {@code 1.5} are both {@code 1.5}; no exponent). Anyone can re-implement it from
 * this paragraph to check a chain without Schema Warden.
 */
public final class CanonicalJson {
  /** Reads the stored JSON back; numbers as BigDecimal so their canonical form survives a round trip. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private CanonicalJson() {}

  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  /** {@link Sha256#hex(String)}; kept only for app/git's cache key until it calls Sha256 itself. */
  public static String sha256(String text) {
    return Sha256.hex(text);
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      Iterator<String> it = node.fieldNames();
      it.forEachRemaining(keys::add);
      keys.sort(
          null); // String order is UTF-16 code unit order; identical to code point order for BMP
      // keys
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(keys.get(i), out);
        out.append(':');
        write(node.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue().toString());
    } else if (node.isNumber()) {
      BigDecimal d = node.decimalValue().stripTrailingZeros();
      out.append(d.scale() <= 0 ? d.toBigIntegerExact().toString() : d.toPlainString());
    } else {
      string(node.asText(), out);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    out.append(JsonStringEncoder.getInstance().quoteAsString(s));
    out.append('"');
  }
}
