package dev.schemawarden.analyzers.internal.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line on which each changeset of a changelog file starts ({@code <changeSet}, {@code - changeSet:},
 * {@code "changeSet":} or {@code --changeset}). Liquibase's parsed model keeps no positions, so the file text is
 * scanned for the start markers and each is matched to the id and author written after it.
 */
final class ChangeSetLines {
  private static final Pattern XML_START =
      Pattern.compile("<(?:[\\w-]+:)?changeSet\\b([^>]*)>", Pattern.DOTALL);
  private static final Pattern YAML_START =
      Pattern.compile("^[ \\t]*(?:-[ \\t]*)?changeSet[ \\t]*:", Pattern.MULTILINE);
  private static final Pattern JSON_START = Pattern.compile("\"changeSet\"\\s*:");
  private static final Pattern SQL_START =
      Pattern.compile(
          "^[ \\t]*--[ \\t]*changeset[ \\t]+(\"[^\"]+\"|[^:\\s]+):(\\S+)",
          Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  private final Map<String, List<Integer>> lines;

  private ChangeSetLines(Map<String, List<Integer>> lines) {
    Map<String, List<Integer>> copy = new HashMap<>();
    lines.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.lines = Map.copyOf(copy);
  }

  /** The line of changeset {@code id} by {@code author}, if its start marker was found. */
  Optional<Integer> line(String id, String author) {
    return all(id, author).stream().findFirst();
  }

  /** Every line where changeset {@code id} by {@code author} starts (more than one only in a broken file). */
  List<Integer> all(String id, String author) {
    return lines.getOrDefault(key(id, author), List.of());
  }

  static ChangeSetLines scan(String fileName, String text) {
    String name = fileName.toLowerCase(Locale.ROOT);
    Map<String, List<Integer>> out = new HashMap<>();
    if (name.endsWith(".xml")) {
      Matcher m = XML_START.matcher(text);
      while (m.find()) {
        attribute(m.group(1), "id")
            .ifPresent(
                id ->
                    attribute(m.group(1), "author")
                        .ifPresent(a -> add(out, key(id, a), SourceFiles.lineOf(text, m.start()))));
      }
    } else if (name.endsWith(".sql")) {
      Matcher m = SQL_START.matcher(text);
      while (m.find()) {
        String author = m.group(1).replace("\"", "");
        add(out, key(m.group(2), author), SourceFiles.lineOf(text, m.start(1)));
      }
    } else if (name.endsWith(".json")) {
      blocks(
          text,
          JSON_START,
          "\"id\"\\s*:\\s*\"?([^\",}\\s]+)",
          "\"author\"\\s*:\\s*\"([^\"]*)\"",
          out);
    } else {
      blocks(
          text,
          YAML_START,
          "^[ \\t]*-?[ \\t]*id[ \\t]*:[ \\t]*(.+?)[ \\t]*$",
          "^[ \\t]*-?[ \\t]*author[ \\t]*:[ \\t]*(.+?)[ \\t]*$",
          out);
    }
    return new ChangeSetLines(out);
  }

  /** For each start marker, the first id and author keys before the next marker. */
  private static void blocks(
      String text, Pattern start, String idRe, String authorRe, Map<String, List<Integer>> out) {
    Pattern id = Pattern.compile(idRe, Pattern.MULTILINE);
    Pattern author = Pattern.compile(authorRe, Pattern.MULTILINE);
    Matcher m = start.matcher(text);
    if (!m.find()) {
      return;
    }
    while (true) {
      int markerLine = SourceFiles.lineOf(text, m.start());
      int bodyFrom = m.end();
      boolean more = m.find();
      int to = more ? m.start() : text.length();
      String block = text.substring(bodyFrom, to);
      Matcher i = id.matcher(block);
      Matcher a = author.matcher(block);
      if (i.find() && a.find()) {
        add(out, key(unquote(i.group(1)), unquote(a.group(1))), markerLine);
      }
      if (!more) {
        break;
      }
    }
  }

  private static void add(Map<String, List<Integer>> out, String key, int line) {
    out.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
  }

  private static Optional<String> attribute(String attributes, String name) {
    Matcher m =
        Pattern.compile("(?:^|\\s)" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)')")
            .matcher(attributes);
    return m.find() ? Optional.of(m.group(2) != null ? m.group(2) : m.group(3)) : Optional.empty();
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2
        && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static String key(String id, String author) {
    return id + "::" + author;
  }
}
