package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tool call's arguments as the client sent them; a wrong type is one line naming the argument and the fix. */
record ToolArgs(String tool, Map<String, Object> values) {
  ToolArgs {
    values =
        values == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  Optional<String> text(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    throw wrong(name, "a string");
  }

  List<String> texts(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      List<String> out = new ArrayList<>();
      l.forEach(x -> out.add((String) x));
      return List.copyOf(out);
    }
    throw wrong(name, "a list of strings");
  }

  Optional<Long> number(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return Optional.of(n.longValue());
    }
    throw wrong(name, "a whole number");
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  private WardenException wrong(String name, String what) {
    return new WardenException(ErrorCode.INPUT, tool + ": argument '" + name + "' must be " + what);
  }
}
