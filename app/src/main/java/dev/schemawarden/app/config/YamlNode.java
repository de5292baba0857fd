package dev.schemawarden.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML value with the 1-based line it starts on. Jackson's {@code JsonNode} forgets locations, and a config error
 * must name the line, so {@link YamlTree} builds this small tree from the streaming parser instead.
 */
sealed interface YamlNode {

  int line();

  /** What a person would call this kind of value in an error message. */
  String kindName();

  /** A scalar; {@code text} is its string form ({@code null} in YAML is {@link Null}). */
  record Scalar(String text, int line) implements YamlNode {
    public Scalar {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String kindName() {
      return "a single value";
    }
  }

  record Null(int line) implements YamlNode {
    @Override
    public String kindName() {
      return "an empty value";
    }
  }

  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }

  /** A mapping; keys keep file order, each entry remembers the line of its key. */
  record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kindName() {
      return "a mapping";
    }
  }

  record Entry(String key, int keyLine, YamlNode value) {}
}
