package dev.schemawarden.rules.internal.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as a tree whose every node knows its 1-based line, so validation can name the line of each
 * problem (Jackson's data binding stops at the first one and loses positions of values).
 */
public sealed interface YamlNode {

  int line();

  /** What the node is, for messages: {@code a mapping}, {@code a list}, {@code a value}. */
  String kind();

  /** One {@code key: value} of a mapping; {@code line} is the key's line. */
  record Field(String key, int line, YamlNode value) {}

  record MapNode(Map<String, Field> fields, int line) implements YamlNode {
    public MapNode {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<Field> field(String key) {
      return Optional.ofNullable(fields.get(key));
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record ListNode(List<YamlNode> items, int line) implements YamlNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A scalar as written ({@code text} is the source text, unquoted); {@code isNull} for {@code ~}, empty or null. */
  record Scalar(String text, boolean isNull, int line) implements YamlNode {
    @Override
    public String kind() {
      return "a value";
    }
  }
}
