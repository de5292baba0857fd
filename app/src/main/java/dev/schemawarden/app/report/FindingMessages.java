package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.Finding;
import java.util.Locale;
import java.util.Optional;

/**
 * The one cap on what a finding's message shows. A rule names every object it is about, so a statement on a
 * 2,000-column table can make a message of 50 KB: unreadable in a terminal, a comment or an annotation. Every
 * renderer shows {@link #shown} (at most {@link #MAX_CHARS} characters, cut between list items with "… and N more");
 * the JSON report keeps the whole message in {@code details}.
 */
public final class FindingMessages {
  /** The longest message a renderer shows, in characters. */
  public static final int MAX_CHARS = 1_000;

  private static final String LIST = ", ";

  /** The longest tail (after the list) kept whole; a longer one is cut at a word. */
  private static final int MAX_TAIL = 400;

  private FindingMessages() {}

  /** The message as renderers show it: itself when short enough, else cut. */
  public static String shown(Finding f) {
    return cap(f.message());
  }

  /**
   * What a merged finding rests on, e.g. "predicted (LK110), traced (TR102)", plus its notes; empty for a finding
   * that stands on one observation (nothing to add to its rule id).
   */
  public static Optional<String> evidence(Finding f) {
    boolean merged =
        f.evidence().size() > 1
            || f.evidence().stream().anyMatch(e -> e.kind() == Finding.Evidence.Kind.NOTE);
    if (!merged) {
      return Optional.empty();
    }
    java.util.Map<Finding.Evidence.Kind, java.util.Set<String>> rules =
        new java.util.EnumMap<>(Finding.Evidence.Kind.class);
    f.evidence().stream()
        .filter(e -> e.kind() != Finding.Evidence.Kind.NOTE)
        .forEach(
            e -> rules.computeIfAbsent(e.kind(), k -> new java.util.TreeSet<>()).add(e.rule()));
    StringBuilder b = new StringBuilder();
    rules.forEach(
        (kind, ids) ->
            b.append(b.length() == 0 ? "" : ", ")
                .append(kind.label())
                .append(" (")
                .append(String.join(", ", ids))
                .append(')'));
    f.evidence().stream()
        .filter(e -> e.kind() == Finding.Evidence.Kind.NOTE)
        .forEach(
            e -> b.append(b.length() == 0 ? "" : "; ").append("note: ").append(cap(e.detail())));
    return Optional.of(b.toString());
  }

  /** The whole message when {@link #shown} cut it; empty when nothing was cut. */
  public static Optional<String> details(Finding f) {
    return f.message().length() > MAX_CHARS ? Optional.of(f.message()) : Optional.empty();
  }

  /**
   * {@code message} in at most {@link #MAX_CHARS} characters. A list ({@code a, b, c, ... z rest}) keeps its first
   * items, "… and N more" and its last item with the text after it, so the sentence still reads; text without a
   * list is cut at a word with the number of characters left out.
   */
  static String cap(String message) {
    if (message.length() <= MAX_CHARS) {
      return message;
    }
    int last = message.lastIndexOf(LIST);
    if (last > 0) {
      String tail = message.substring(last + LIST.length());
      if (tail.length() <= MAX_TAIL) {
        // Room for the head: the rest minus the tail, the marker and its digits.
        int budget = MAX_CHARS - tail.length() - ", … and 00000 more, ".length();
        int cut = message.lastIndexOf(LIST, budget);
        int omitted = cut > 0 ? count(message, cut, last) - 1 : 0;
        if (omitted > 0) {
          return message.substring(0, cut)
              + ", … and "
              + String.format(Locale.ROOT, "%,d", omitted)
              + " more, "
              + tail;
        }
      }
    }
    String marker =
        " … (" + String.format(Locale.ROOT, "%,d", message.length()) + " characters in all)";
    int end = MAX_CHARS - marker.length();
    int space = message.lastIndexOf(' ', end);
    return message.substring(0, space > end / 2 ? space : end) + marker;
  }

  /** Separators from {@code from} (included) to {@code to} (included): the items between them. */
  private static int count(String s, int from, int to) {
    int n = 0;
    for (int i = s.indexOf(LIST, from); i >= 0 && i <= to; i = s.indexOf(LIST, i + 1)) {
      n++;
    }
    return n;
  }
}
