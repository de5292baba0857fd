package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lint runner's {@code warden:ignore} matching for findings produced after linting (the trace stage's TR
 * findings), behind {@link dev.schemawarden.analyzers.api.Suppressions}.
 */
public final class SuppressionFilter {
  private SuppressionFilter() {}

  public static List<Finding> filter(
      List<Migration> migrations, List<Finding> findings, Set<String> ran) {
    Map<String, Migration> byPath = new HashMap<>();
    Map<String, Suppressions> parsed = new HashMap<>();
    for (Migration m : migrations) {
      byPath.putIfAbsent(m.path(), m);
      parsed.putIfAbsent(m.path(), Suppressions.parse(m, Catalog::find));
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      Migration m = byPath.get(f.span().path());
      if (m == null || !parsed.get(m.path()).suppresses(f, statementAt(m, f.span().line()))) {
        out.add(f);
      }
    }
    // WD001 is not repeated: the lint runner reported malformed directives of these migrations
    // already.
    parsed
        .values()
        .forEach(
            s ->
                s.unused(ran)
                    .forEach(
                        p ->
                            out.add(
                                new Finding(
                                    SystemRules.WD002.id(),
                                    SystemRules.WD002.defaultSeverity(),
                                    p.span(),
                                    p.message(),
                                    Optional.empty(),
                                    List.of(),
                                    ""))));
    out.sort(Finding.ORDER);
    return List.copyOf(out);
  }

  /** The statement whose lines include {@code line}; empty for a file-level finding. */
  private static Optional<SqlStatement> statementAt(Migration m, int line) {
    return m.statements().stream()
        .filter(s -> s.line() <= line && line <= s.span().endLine())
        .findFirst();
  }
}
