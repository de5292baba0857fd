package dev.schemawarden.analyzers.api;

import dev.schemawarden.analyzers.internal.lint.BuiltInRules;
import dev.schemawarden.analyzers.internal.lint.LintRunner;
import java.util.List;

/**
 * Runs the static lint rules over the migrations one change adds. Pure: no I/O, no database.
 *
 * <p>The result holds every finding, with severities from {@link LintSettings}, suppression directives
 * ({@code -- warden:ignore ID <reason>}) applied, sorted with {@link Finding#ORDER}.
 */
@FunctionalInterface
public interface Linter {

  /**
   * Lints {@code migrationsOfTheChange}, given in the order the tool applies them. A table created by an earlier
   * statement of the change counts as new: locking it harms nobody.
   */
  List<Finding> lint(List<Migration> migrationsOfTheChange);

  /**
   * The built-in rules for {@code engine}.
   *
   * @throws WardenException with {@link ErrorCode#CONFIG} when {@code settings} names an unknown rule
   */
  static Linter builtIn(DatabaseEngine engine, LintSettings settings) {
    return new LintRunner(engine, settings, BuiltInRules.ALL);
  }
}
