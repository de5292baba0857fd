package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.app.git.ChangedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks, from every migration at head, the ones the change adds or modifies, and reports {@code MG001} for a
 * modification of a migration that already exists on the base branch. File-per-migration tools decide from the
 * changed files; Liquibase, whose changelogs legitimately grow, compares changesets with the base tree, and so does
 * dbmate, whose files hold a down section too.
 */
public final class ChangeSelector {

  /** A migration the change touches, with its status in the report. */
  public record Selected(Migration migration, String status) {}

  public record Result(List<Selected> selected, List<Finding> findings) {}

  private ChangeSelector() {}

  static Result select(
      List<Migration> headMigrations,
      List<ChangedFile> changed,
      Supplier<List<Migration>> baseMigrations) {
    Map<String, ChangedFile> byPath = new HashMap<>();
    for (ChangedFile c : changed) {
      // Flyway's per-script config (V6__x.sql.conf) changes how its script runs: count it as a
      // change of the script.
      String path =
          c.path().endsWith(".sql.conf") ? c.path().substring(0, c.path().length() - 5) : c.path();
      byPath.merge(
          path,
          new ChangedFile(path, c.status(), c.basePath()),
          (a, b) -> a.path().equals(c.path()) ? b : a);
    }
    List<Selected> selected = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Map<String, Migration> baseByKey = null;
    for (Migration m : headMigrations) {
      if (DownMigration.isRollback(m.kind())) {
        continue; // a Flyway undo script is the rollback plan of its up (DownMigrations), not a
        // change to deploy
      }
      ChangedFile file = byPath.get(m.path());
      if (m.refusal().isPresent()) {
        // A file the review refused to read (a link leaving the repository, a FIFO) is reported
        // whether or not the change touched it: a link's target can change without the link
        // changing, and nothing of it was reviewed.
        selected.add(
            new Selected(
                m,
                file == null
                    ? "refused"
                    : file.status() == ChangedFile.Status.ADDED ? "added" : "modified"));
        continue;
      }
      if (file == null) {
        continue;
      }
      // A dbmate file also holds its down section, which no deploy runs: only a changed up section
      // is a change.
      if ((m.tool() == MigrationTool.LIQUIBASE || m.tool() == MigrationTool.DBMATE)
          && file.status() != ChangedFile.Status.ADDED) {
        if (baseByKey == null) {
          baseByKey = new HashMap<>();
          for (Migration b : baseMigrations.get()) {
            baseByKey.put(key(b.path(), b), b);
          }
        }
        Migration before = baseByKey.get(key(file.basePath().orElse(m.path()), m));
        if (before == null) {
          selected.add(new Selected(m, "added"));
        } else if (!sqlOf(before).equals(sqlOf(m))) {
          selected.add(new Selected(m, "modified"));
          // A runOnChange/runAlways changeset (REPEATABLE) is meant to be edited: Liquibase
          // re-applies it.
          if (m.kind() != Migration.Kind.REPEATABLE) {
            findings.add(modified(m, file));
          }
        }
        continue;
      }
      if (file.status() == ChangedFile.Status.ADDED) {
        selected.add(new Selected(m, "added"));
      } else {
        selected.add(new Selected(m, "modified"));
        // Flyway re-applies a repeatable migration whenever its checksum changes: editing it is the
        // intended use.
        if (m.kind() != Migration.Kind.REPEATABLE) {
          Optional<Migration> renamedFrom =
              file.basePath()
                  .flatMap(
                      b ->
                          baseMigrations.get().stream()
                              .filter(
                                  x ->
                                      x.path().equals(b)
                                          && x.kind() == m.kind()
                                          && x.refusal().isEmpty())
                              .findFirst())
                  .filter(before -> sqlOf(before).equals(sqlOf(m)));
          if (renamedFrom.isEmpty()) {
            findings.add(modified(m, file));
          } else {
            renamed(m, renamedFrom.get()).ifPresent(findings::add);
          }
        }
      }
    }
    return new Result(selected, findings);
  }

  /**
   * The base's schema as the tool reaches it, from head's migrations: every migration the change did not touch, in
   * tool order (undo scripts are dropped by the replay itself, {@code SchemaSource.MigrationHistory}). A changed
   * Flyway repeatable is replaced by its base version in the same place: Flyway ran that old content after the
   * versioned migrations, and the change is the new content applied on top of it. A changed Liquibase
   * {@code runOnChange} changeset likewise replays its base version, in its place in the changelog.
   */
  static List<Migration> history(
      List<Migration> head,
      List<Selected> selected,
      List<ChangedFile> changed,
      Supplier<List<Migration>> base) {
    java.util.Set<Migration> touched =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    selected.forEach(s -> touched.add(s.migration()));
    Map<String, String> basePaths = new HashMap<>();
    changed.forEach(c -> basePaths.put(c.path(), c.basePath().orElse(c.path())));
    List<Migration> out = new ArrayList<>();
    for (Migration m : head) {
      if (!touched.contains(m)) {
        out.add(m);
      } else if (m.kind() == Migration.Kind.REPEATABLE && basePaths.containsKey(m.path())) {
        String before = basePaths.get(m.path());
        base.get().stream()
            .filter(
                b ->
                    b.kind() == Migration.Kind.REPEATABLE
                        && b.path().equals(before)
                        && b.refusal().isEmpty()
                        && (m.tool() != MigrationTool.LIQUIBASE
                            || b.id().equals(m.id()))) // a changelog holds many
            .findFirst()
            .ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  private static String key(String path, Migration m) {
    return path + "#" + m.id().orElse("");
  }

  private static List<String> sqlOf(Migration m) {
    return m.statements().stream().map(SqlStatement::sql).map(String::strip).toList();
  }

  /**
   * MG001 for a file renamed with its content unchanged: what the tool does about the new name. None when the tool
   * records only the version and the version stayed (golang-migrate, diesel, dbmate): nothing changes for it.
   */
  private static Optional<Finding> renamed(Migration m, Migration before) {
    boolean sameVersion = before.id().equals(m.id());
    String was = before.path().substring(before.path().lastIndexOf('/') + 1);
    String consequence;
    if (m.tool() == MigrationTool.FLYWAY) {
      consequence =
          sameVersion
              ? "Flyway fails validation on every database that already ran it: the description it recorded ('"
                  + before.description()
                  + "') no longer matches ('"
                  + m.description()
                  + "')"
              : "Flyway fails validation on every database that already ran it: applied version "
                  + before.id().orElse("?")
                  + " is no longer found, and version "
                  + m.id().orElse("?")
                  + " is new to it (it would run the same SQL again, or refuse it as out of order)";
    } else if (m.tool() == MigrationTool.PLAIN || m.id().isEmpty()) {
      consequence = "whoever runs the scripts by name may run it again";
    } else if (sameVersion) {
      return Optional.empty();
    } else {
      consequence =
          m.tool().configName()
              + " records versions: databases that ran version "
              + before.id().orElse("?")
              + " will run the same SQL again as version "
              + m.id().orElse("?");
    }
    Fix fix =
        Fix.advice(
            "Rename it back to " + was + ": an applied migration keeps its name",
            "git mv " + m.path() + " " + before.path());
    return Optional.of(
        new Finding(
            AppRules.MG001.id(),
            AppRules.MG001.defaultSeverity(),
            SourceSpan.ofLine(m.path(), 1),
            m.label()
                + " is "
                + was
                + " renamed, its content unchanged: "
                + consequence
                + "; keep the applied name",
            Optional.empty(),
            List.of(fix),
            ""));
  }

  private static Finding modified(Migration m, ChangedFile file) {
    String name = m.label();
    String consequence =
        switch (m.tool()) {
          case FLYWAY ->
              "Flyway would refuse it (checksum mismatch) on every database that already ran it";
          case LIQUIBASE ->
              "Liquibase would refuse it (checksum changed) on every database that already ran it";
          case SQLX ->
              "sqlx would refuse it (previously applied but modified: checksum mismatch) on every database that"
                  + " already ran it";
          default -> "databases that already ran it will never run the new content";
        };
    String what = m.tool() == MigrationTool.LIQUIBASE ? "changeset " + name : name;
    String renamed = file.basePath().map(b -> " (renamed from " + b + ")").orElse("");
    String message =
        what
            + renamed
            + " already exists on the base branch: "
            + consequence
            + "; add a new migration instead";
    int line =
        m.tool() == MigrationTool.LIQUIBASE && !m.statements().isEmpty()
            ? m.statements().get(0).line()
            : 1;
    Fix fix =
        Fix.advice(
            "Restore "
                + file.basePath().orElse(m.path())
                + " as it is on the base branch and put the change in a new "
                + "migration that runs after it",
            "git checkout <base> -- " + file.basePath().orElse(m.path()));
    return new Finding(
        AppRules.MG001.id(),
        AppRules.MG001.defaultSeverity(),
        SourceSpan.ofLine(m.path(), line),
        message,
        Optional.empty(),
        List.of(fix),
        "");
  }
}
