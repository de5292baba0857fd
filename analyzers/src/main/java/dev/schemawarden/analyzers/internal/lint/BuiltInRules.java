package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.LintRule;
import java.util.List;

/**
 * The one registry of built-in lint rules. Add a rule with one line, keeping the lines sorted (the catalog test
 * checks the order, the ids, the docs and the fixtures). An array initializer, so every line ends with a comma and
 * adding one never touches its neighbour.
 */
public final class BuiltInRules {

  private BuiltInRules() {}

  public static final List<LintRule> ALL =
      List.of(
          new LintRule[] {
            // keep-sorted start
            new PsqlMetaCommand(),
            new UnclassifiedStatement(),
            // keep-sorted end
          });
}
