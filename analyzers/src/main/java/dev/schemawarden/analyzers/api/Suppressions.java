package dev.schemawarden.analyzers.api;

import dev.schemawarden.analyzers.internal.lint.SuppressionFilter;
import java.util.List;
import java.util.Set;

/**
 * {@code -- warden:ignore ID <reason>} / {@code -- warden:ignore-file ID <reason>} for findings produced outside
 * the {@link Linter} (the replica trace's TR findings), matched exactly as the linter matches its own: a
 * per-statement directive hides the id on the statement it stands before (or at the end of whose first line it
 * stands), a file directive in the whole migration.
 */
public final class Suppressions {
  private Suppressions() {}

  /**
   * {@code findings} without those a directive in {@code migrations} hides, plus a {@code WD002} finding for each
   * directive naming an id in {@code ran} that hid nothing (ids outside {@code ran} are left to the linter, which
   * also reports malformed directives as {@code WD001}: they are not repeated here). Sorted with
   * {@link Finding#ORDER}. A finding is matched to its migration by path and to a statement by line.
   *
   * @param ran the rule ids that ran and could have reported, e.g. every TR id once a trace completed
   */
  public static List<Finding> filter(
      List<Migration> migrations, List<Finding> findings, Set<String> ran) {
    return SuppressionFilter.filter(migrations, findings, ran);
  }
}
