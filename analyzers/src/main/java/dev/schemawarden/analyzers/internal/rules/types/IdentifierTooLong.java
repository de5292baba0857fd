package dev.schemawarden.analyzers.internal.rules.types;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * TY107: a name the statement creates is longer than 63 bytes in UTF-8. PostgreSQL truncates it with only a
 * NOTICE, so two long names sharing their first 63 bytes become the same object. Enum labels are not checked:
 * an over-long label is an error, not a silent truncation.
 */
public final class IdentifierTooLong implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "TY107",
          "identifier-too-long",
          "Identifier longer than 63 bytes",
          Severity.WARNING,
          "A statement creates or renames to a table, column, index, constraint, type, view or other object whose "
              + "name is longer than 63 bytes in UTF-8.",
          "PostgreSQL keeps only the first 63 bytes (NAMEDATALEN - 1) and says so only in a NOTICE. Two names "
              + "that share those bytes collide: the second CREATE fails, or with IF NOT EXISTS silently does "
              + "nothing, and DROP ... IF EXISTS may drop the other object.",
          "Choose a name of at most 63 bytes; remember that accented letters and other non-ASCII characters "
              + "take 2-4 bytes each.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      List<String> tooLong =
          created(stmt.change()).stream()
              .map(Sql::unquote)
              .filter(n -> Sql.utf8Bytes(n) > Sql.MAX_IDENTIFIER_BYTES)
              .distinct()
              .toList();
      if (tooLong.isEmpty()) {
        continue;
      }
      String described =
          tooLong.stream()
              .map(
                  n ->
                      "`"
                          + n
                          + "` ("
                          + Sql.utf8Bytes(n)
                          + " bytes, kept as `"
                          + Sql.truncateToIdentifier(n)
                          + "`)")
              .collect(Collectors.joining(", "));
      ctx.report(
          stmt,
          "Identifier "
              + described
              + " is longer than 63 bytes: PostgreSQL silently truncates it, so names "
              + "sharing those 63 bytes collide",
          shortened(stmt.sql(), tooLong)
              .map(
                  sql ->
                      List.of(
                          Fix.advice(
                              "Write the name PostgreSQL will actually store, or better a shorter one that says the same.",
                              sql)))
              .orElse(List.of()));
    }
  }

  /** The names {@code change} brings into being (as written, possibly quoted). */
  static List<String> created(Change change) {
    Set<String> names = new LinkedHashSet<>();
    if (change instanceof Change.CreateTable t) {
      names.add(t.table().name());
      t.columns().forEach(c -> column(names, c));
      t.constraints().forEach(k -> k.name().ifPresent(names::add));
    } else if (change instanceof Change.AlterTable a) {
      for (AlterAction action : a.actions()) {
        if (action instanceof AlterAction.AddColumn add) {
          column(names, add.column());
        } else if (action instanceof AlterAction.AddConstraint k) {
          k.constraint().name().ifPresent(names::add);
        } else if (action instanceof AlterAction.RenameColumn r) {
          names.add(r.to());
        } else if (action instanceof AlterAction.RenameTable r) {
          names.add(r.to());
        } else if (action instanceof AlterAction.RenameConstraint r) {
          names.add(r.to());
        }
      }
    } else if (change instanceof Change.CreateIndex i) {
      i.name().ifPresent(names::add);
    } else if (change instanceof Change.Rename r) {
      names.add(r.to());
    } else if (change instanceof Change.CreateType t) {
      names.add(t.name().name());
    } else if (change instanceof Change.CreateDomain d) {
      names.add(d.name().name());
    } else if (change instanceof Change.CreateView v) {
      names.add(v.name().name());
    } else if (change instanceof Change.Other o
        && o.keywords().toUpperCase(Locale.ROOT).startsWith("CREATE")) {
      o.target().ifPresent(t -> names.add(t.name()));
    }
    return new ArrayList<>(names);
  }

  private static void column(Set<String> names, ColumnDef c) {
    names.add(c.name());
    c.inlineConstraint().flatMap(ConstraintDef::name).ifPresent(names::add);
  }

  // Replace each long name where it occurs exactly once in the text; otherwise offer no rewrite.
  private static Optional<String> shortened(String sql, List<String> names) {
    String result = sql;
    for (String name : names) {
      Matcher m =
          Pattern.compile(
                  "(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])",
                  Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
              .matcher(result);
      if (!m.find()) {
        return Optional.empty();
      }
      int start = m.start();
      int end = m.end();
      if (m.find()) {
        return Optional.empty();
      }
      result = result.substring(0, start) + Sql.truncateToIdentifier(name) + result.substring(end);
    }
    return Optional.of(result);
  }
}
