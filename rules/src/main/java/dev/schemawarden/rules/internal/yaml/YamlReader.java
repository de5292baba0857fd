package dev.schemawarden.rules.internal.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemawarden.rules.api.PolicyProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads YAML text into a {@link YamlNode} tree with lines, with Jackson's streaming YAML parser. */
public final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlReader() {}

  /** The tree of {@code text}, or an empty mapping after reporting a syntax error or duplicate key to {@code problems}. */
  public static YamlNode read(String file, String text, Consumer<PolicyProblem> problems) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new YamlNode.MapNode(Map.of(), 1);
      }
      return node(file, p, problems);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      problems.accept(
          new PolicyProblem(file, line, "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""),
              "fix the YAML syntax (indentation, quotes, a missing ':')"));
      return new YamlNode.MapNode(Map.of(), 1);
    } catch (IOException e) {
      problems.accept(new PolicyProblem(file, 1, "cannot read: " + e.getMessage(), "check the file"));
      return new YamlNode.MapNode(Map.of(), 1);
    }
  }

  private static YamlNode node(String file, JsonParser p, Consumer<PolicyProblem> problems) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, YamlNode.Field> fields = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        p.nextToken();
        YamlNode value = node(file, p, problems);
        if (fields.containsKey(key)) {
          problems.accept(new PolicyProblem(file, keyLine, "duplicate key '" + key + "' (first at line "
              + fields.get(key).line() + ")", "keep one of them"));
        } else {
          fields.put(key, new YamlNode.Field(key, keyLine, value));
        }
      }
      return new YamlNode.MapNode(fields, line);
    }
    if (t == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(file, p, problems));
      }
      return new YamlNode.ListNode(items, line);
    }
    boolean isNull = t == JsonToken.VALUE_NULL;
    return new YamlNode.Scalar(isNull ? "" : p.getText(), isNull, line);
  }
}
