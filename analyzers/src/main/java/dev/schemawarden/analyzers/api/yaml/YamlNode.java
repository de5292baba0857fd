package dev.schemawarden.analyzers.api.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A YAML value with the 1-based line it starts on; {@link YamlTree} builds the tree. */
public sealed interface YamlNode {

  int line();

  /** What a person would call this kind of value in an error message ({@code a mapping}, {@code a list}, ...). */
  String kindName();

  /** A scalar; {@code text} is its string form as written, unquoted ({@code null}, {@code ~} or nothing is {@link Null}). */
  record Scalar(String text, int line) implements YamlNode {
    public Scalar {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String kindName() {
      return "a single value";
    }
  }

  /** {@code null}, {@code ~} or no value at all. */
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
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<Entry> entry(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public String kindName() {
      return "a mapping";
    }
  }

  /** One {@code key: value} of a mapping. */
  record Entry(String key, int keyLine, YamlNode value) {}
}
