package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.Suppressions;
import dev.schemawarden.app.git.ChangedFile;
import dev.schemawarden.app.report.MigrationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Down migrations as the rollback plan of their up migration. A down the change adds or edits is linted (the
 * linter caps its findings at info: no deploy runs it) and the report lists it under its up; an up that cannot be
 * undone (drops a table, schema or column, truncates, deletes) with no down, or an empty one, is {@code MG002} when
 * the repository writes downs at all. Pure apart from what the caller's functions do.
 */
final class DownMigrations {

  /**
   * The downs to show under each up (by the up's path), their lint findings (severities final, capped at info),
   * MG002 findings (at the rule's default severity: the caller applies the configuration), and a note for the report.
   */
  record Result(
      Map<String, List<Migration>> byUp,
      List<Migration> unchangedUps,
      Map<String, String> status,
      List<Finding> lint,
      List<Finding> missing,
      Optional<String> note) {

    /**
     * {@code reports} with each up's downs attached, predicted with {@code predict} (given the down's status), then
     * each unchanged up whose down the change edits, as an {@link MigrationReport#UNCHANGED} holder of its downs.
     */
    List<MigrationReport> attach(
        List<MigrationReport> reports, BiFunction<Migration, String, MigrationReport> predict) {
      if (byUp.isEmpty()) {
        return reports;
      }
      List<MigrationReport> out =
          new ArrayList<>(
              reports.stream()
                  .map(
                      r -> {
                        List<MigrationReport> downs = downsOf(r.migration().path(), predict);
                        return downs.isEmpty() ? r : r.withDowns(downs);
                      })
                  .toList());
      for (Migration up : unchangedUps) {
        out.add(
            new MigrationReport(
                up, MigrationReport.UNCHANGED, List.of(), downsOf(up.path(), predict)));
      }
      return out;
    }

    private List<MigrationReport> downsOf(
        String upPath, BiFunction<Migration, String, MigrationReport> predict) {
      return byUp.getOrDefault(upPath, List.of()).stream()
          .map(d -> predict.apply(d, status.get(d.path())))
          .toList();
    }
  }

  private DownMigrations() {}

  /**
   * @param downs every down migration at head, with its up
   * @param changedUps the up migrations the change adds or modifies
   * @param headUps every up migration at head, to find the up of a down the change edits alone
   * @param changedFiles every file the change touches
   * @param lint lints migrations with the review's settings
   */
  static Result review(
      List<DownMigration> downs,
      List<Migration> changedUps,
      List<Migration> headUps,
      List<ChangedFile> changedFiles,
      Function<List<Migration>, List<Finding>> lint) {
    Map<String, String> touched = new HashMap<>();
    changedFiles.forEach(f -> touched.put(f.path(), f.status().reportStatus()));
    Map<String, Migration> ups = new LinkedHashMap<>();
    changedUps.forEach(m -> ups.putIfAbsent(m.path(), m));
    Map<String, List<Migration>> byUp = new LinkedHashMap<>();
    Map<String, List<Migration>> allByUp = new HashMap<>();
    Map<String, Migration> unchanged = new LinkedHashMap<>();
    for (DownMigration d : downs) {
      allByUp.computeIfAbsent(d.upPath(), k -> new ArrayList<>()).add(d.migration());
      if (!touched.containsKey(d.migration().path())) {
        continue;
      }
      if (ups.containsKey(d.upPath())) {
        byUp.computeIfAbsent(d.upPath(), k -> new ArrayList<>()).add(d.migration());
        continue;
      }
      // A down edited alone is still the rollback plan of its (applied) up: reviewed under it,
      // never blocking.
      Optional<Migration> up =
          headUps.stream().filter(m -> m.path().equals(d.upPath())).findFirst();
      if (up.isPresent()) {
        unchanged.putIfAbsent(d.upPath(), up.get());
        byUp.computeIfAbsent(d.upPath(), k -> new ArrayList<>()).add(d.migration());
      }
    }
    List<Migration> reviewed = byUp.values().stream().flatMap(List::stream).toList();
    List<Finding> findings = new ArrayList<>();
    if (!downs.isEmpty()) {
      for (Migration up : ups.values()) {
        boolean hasDown =
            allByUp.getOrDefault(up.path(), List.of()).stream()
                .anyMatch(d -> d.refusal().isPresent() || !d.statements().isEmpty());
        if (!hasDown && up.refusal().isEmpty()) {
          irreversible(up).ifPresent(s -> findings.add(missingDown(up, s)));
        }
      }
    }
    Optional<String> note =
        unchanged.isEmpty()
            ? Optional.empty()
            : Optional.of(
                unchanged.size()
                    + " of them edited without their up migration, listed as unchanged");
    // warden:ignore MG002 on the statement hides it; once downs exist, a directive that hid nothing
    // is WD002.
    List<Finding> missing =
        downs.isEmpty()
            ? List.of()
            : Suppressions.filter(changedUps, findings, Set.of(AppRules.MG002.id()));
    return new Result(
        byUp,
        List.copyOf(unchanged.values()),
        touched,
        reviewed.isEmpty() ? List.of() : lint.apply(reviewed),
        missing,
        note);
  }

  /** The first statement that cannot be undone: its data is gone once it ran. */
  static Optional<SqlStatement> irreversible(Migration m) {
    Set<QualifiedName> created = new HashSet<>();
    for (SqlStatement s : m.statements()) {
      Change c = s.change();
      if (c instanceof Change.CreateTable ct) {
        created.add(ct.table());
      } else if (c instanceof Change.Drop d
          && (d.kind() == Change.ObjectKind.TABLE || d.kind() == Change.ObjectKind.SCHEMA)
          && d.names().stream().anyMatch(n -> !isNew(created, n))) {
        return Optional.of(s);
      } else if (c instanceof Change.AlterTable a
          && !isNew(created, a.table())
          && a.actions().stream().anyMatch(x -> x instanceof AlterAction.DropColumn)) {
        return Optional.of(s);
      } else if (c instanceof Change.Truncate t
          && t.tables().stream().anyMatch(n -> !isNew(created, n))) {
        return Optional.of(s);
      } else if (c instanceof Change.DataChange dc
          && dc.kind() == Change.DataChange.DmlKind.DELETE
          && dc.table().map(n -> !isNew(created, n)).orElse(true)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static boolean isNew(Set<QualifiedName> created, QualifiedName name) {
    return created.stream().anyMatch(c -> c.matches(name));
  }

  private static Finding missingDown(Migration up, SqlStatement s) {
    String where =
        switch (up.tool()) {
          case GOLANG_MIGRATE, SQLX ->
              up.path().endsWith(".up.sql")
                  ? "no " + up.path().replaceAll("\\.up\\.sql$", ".down.sql")
                  : "no down migration (a simple sqlx migration cannot be reverted: write it as .up.sql and .down.sql)";
          case DBMATE -> "no statement in its -- migrate:down section";
          case DIESEL -> "no " + up.path().replaceAll("up\\.sql$", "down.sql");
          case FLYWAY -> "no U" + up.id().orElse("<version>") + "__*.sql undo script";
          default -> "no down migration";
        };
    String what = words(s.change());
    return new Finding(
        AppRules.MG002.id(),
        AppRules.MG002.defaultSeverity(),
        s.span(),
        up.label()
            + " "
            + what
            + " at line "
            + s.line()
            + " and has "
            + where
            + ": if the deploy goes wrong there is no rollback plan, and the repository writes down migrations"
            + " for others",
        Optional.empty(),
        List.of(
            Fix.advice(
                up.tool() == MigrationTool.DBMATE
                    ? "write the -- migrate:down section: recreate what the migration drops (keep a copy of the data first)"
                    : "add the down migration: recreate what the migration drops (keep a copy of the data first)",
                "-- warden:ignore MG002 <why this change cannot be undone>")),
        s.sql());
  }

  /** Words for what an irreversible statement does, for the message. */
  private static String words(Change c) {
    if (c instanceof Change.Drop d) {
      return "drops " + d.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + d.names().get(0);
    } else if (c instanceof Change.AlterTable a) {
      return "drops a column of " + a.table();
    } else if (c instanceof Change.Truncate t) {
      return "truncates " + t.tables().get(0);
    } else if (c instanceof Change.DataChange dc) {
      return "deletes rows" + dc.table().map(t -> " of " + t).orElse("");
    }
    return "cannot be undone";
  }
}
