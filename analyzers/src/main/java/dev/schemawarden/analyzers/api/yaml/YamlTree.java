package dev.schemawarden.analyzers.api.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads YAML text into a {@link YamlNode} tree with Jackson's streaming YAML parser, which reports locations. */
public final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  /** Told about a key that appears twice in one mapping; the tree keeps the first. */
  @FunctionalInterface
  public interface DuplicateKeys {
    void found(String key, int line, int firstLine);
  }

  private YamlTree() {}

  /**
   * The document's root, or empty for an empty document. {@code duplicates} hears of each repeated key as the
   * parser meets it (it may throw to stop there); the mapping keeps the key's first value.
   */
  public static Optional<YamlNode> parse(String text, DuplicateKeys duplicates)
      throws YamlSyntaxException {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        return Optional.empty();
      }
      return Optional.of(read(p, duplicates));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new YamlSyntaxException(line, e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the text is in memory: only a parse error can happen
    }
  }

  private static YamlNode read(JsonParser p, DuplicateKeys duplicates) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        p.nextToken();
        YamlNode value = read(p, duplicates);
        if (entries.containsKey(key)) {
          duplicates.found(key, keyLine, entries.get(key).keyLine());
        } else {
          entries.put(key, new YamlNode.Entry(key, keyLine, value));
        }
      }
      return new YamlNode.Mapping(entries, line);
    }
    if (t == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(p, duplicates));
      }
      return new YamlNode.Sequence(items, line);
    }
    return t == JsonToken.VALUE_NULL
        ? new YamlNode.Null(line)
        : new YamlNode.Scalar(p.getText(), line);
  }
}
