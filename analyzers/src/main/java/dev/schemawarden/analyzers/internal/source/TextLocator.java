package dev.schemawarden.analyzers.internal.source;

import java.util.List;
import java.util.Optional;

/**
 * Finds SQL that a changelog holds indented (a YAML block scalar, an indented XML text node): Liquibase hands back
 * the text without the indentation, so it is not a substring of the file, but each of its lines is, in order.
 */
final class TextLocator {
  private TextLocator() {}

  /**
   * The 1-based file line on which {@code body}'s first line stands, when every line of {@code body} appears,
   * trimmed, on consecutive lines of {@code text} at or after character {@code from}.
   */
  static Optional<Integer> indentedBlock(String text, String body, int from) {
    List<String> want = body.lines().toList();
    if (want.stream().allMatch(String::isBlank)) {
      return Optional.empty();
    }
    List<String> file = text.lines().toList();
    int startLine = SourceFiles.lineOf(text, from) - 1;
    for (int i = startLine; i + want.size() <= file.size(); i++) {
      if (matchesAt(file, i, want)) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }

  private static boolean matchesAt(List<String> file, int at, List<String> want) {
    for (int k = 0; k < want.size(); k++) {
      if (!file.get(at + k).strip().equals(want.get(k).strip())) {
        return false;
      }
    }
    return true;
  }
}
