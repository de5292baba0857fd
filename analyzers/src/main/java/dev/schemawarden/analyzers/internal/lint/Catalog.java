package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Suggestions;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Built-in rules plus system ids; backs {@link dev.schemawarden.analyzers.api.RuleCatalog}. */
public final class Catalog {

  private static final List<RuleMeta> ALL =
      Stream.of(
              BuiltInRules.ALL.stream().map(LintRule::meta),
              SystemRules.ALL.stream(),
              dev.schemawarden.analyzers.internal.impact.TraceRules.ALL.stream(),
              DiagnoseRules.ALL.stream())
          .flatMap(s -> s)
          .sorted(Comparator.comparing(RuleMeta::id))
          .toList();

  /** Each rule's id then slug, in id order: ties in {@link #closest} go to the first. */
  private static final List<String> IDS_AND_SLUGS =
      ALL.stream().flatMap(m -> Stream.of(m.id(), m.slug())).toList();

  private Catalog() {}

  public static List<RuleMeta> all() {
    return ALL;
  }

  public static Optional<RuleMeta> find(String idOrSlug) {
    String key = idOrSlug.trim();
    return ALL.stream()
        .filter(m -> m.id().equals(key.toUpperCase(Locale.ROOT)) || m.slug().equals(key))
        .findFirst();
  }

  /** The known id or slug closest to {@code unknown}, for "did you mean" messages. */
  public static String closest(String unknown) {
    return Suggestions.closest(unknown, IDS_AND_SLUGS, Suggestions.Reach.ANY).orElse("");
  }
}
