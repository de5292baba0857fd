package dev.schemawarden.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads YAML text into a {@link YamlNode} tree that keeps the line of every key and value. */
final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  /** The document's root, or empty for an empty document. */
  static Optional<YamlNode> parse(String text, String fileName) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return Optional.empty();
      }
      return Optional.of(read(p, fileName));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new WardenException(
          ErrorCode.CONFIG,
          fileName + ":" + line + ": not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("")
              + "): fix the syntax; indent nested keys with spaces, not tabs",
          e);
    } catch (IOException e) {
      throw new WardenException(ErrorCode.CONFIG, fileName + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static YamlNode read(JsonParser p, String fileName) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          YamlNode value = read(p, fileName);
          if (entries.containsKey(key)) {
            throw new WardenException(
                ErrorCode.CONFIG,
                fileName + ":" + keyLine + ": key '" + key + "' appears twice (first on line "
                    + entries.get(key).keyLine() + "): keep one");
          }
          entries.put(key, new YamlNode.Entry(key, keyLine, value));
        }
        return new YamlNode.Mapping(entries, line);
      }
      case START_ARRAY: {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, fileName));
        }
        return new YamlNode.Sequence(items, line);
      }
      case VALUE_NULL:
        return new YamlNode.Null(line);
      default:
        return new YamlNode.Scalar(p.getText(), line);
    }
  }
}
