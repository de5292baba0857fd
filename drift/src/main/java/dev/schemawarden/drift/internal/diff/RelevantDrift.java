package dev.schemawarden.drift.internal.diff;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.drift.api.DriftFinding;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.Dependency;
import dev.schemawarden.drift.internal.mysql.MysqlSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Crosses a pull request's statements with the drift between the expected schema and production's: DR101 when a
 * statement touches a relation that drifted, DR102 when it drops, renames or retypes a column (or drops a table)
 * that a view only production has depends on (from the pg_depend dependencies in production's snapshot).
 */
public final class RelevantDrift {
  private static final String DEFAULT_SCHEMA = "public";

  /** What a statement does to one relation; {@code column} set for column-level actions. */
  private record Target(
      String relation, Optional<String> column, String action, boolean breaksDependents) {}

  private RelevantDrift() {}

  public static List<DriftFinding> findings(
      List<Migration> changed, SchemaSnapshot replayed, SchemaSnapshot production) {
    SchemaSnapshot expected = MysqlSnapshots.aligned(replayed, production);
    // an unqualified name is in public on PostgreSQL, in the connection's database on MySQL/MariaDB
    String defaultSchema =
        production.server().mysqlFamily()
            ? Optional.ofNullable(production.server().settings().get("database"))
                .or(
                    () ->
                        production.schemas().stream().map(SchemaSnapshot.Schema::name).findFirst())
                .orElse(DEFAULT_SCHEMA)
            : DEFAULT_SCHEMA;
    List<SchemaDiff.Drift> drift = SchemaDiff.diff(expected, production);
    Map<String, List<DriftItem>> byRelation = new LinkedHashMap<>();
    for (SchemaDiff.Drift d : drift) {
      d.relation()
          .ifPresent(r -> byRelation.computeIfAbsent(r, k -> new ArrayList<>()).add(d.item()));
      if (d.item().objectType().equals("index")) {
        byRelation.computeIfAbsent(d.item().object(), k -> new ArrayList<>()).add(d.item());
      }
    }
    Set<Dependency> expectedDeps = new HashSet<>(expected.dependencies());
    List<DriftFinding> out = new ArrayList<>();
    for (Migration m : changed) {
      for (SqlStatement s : m.statements()) {
        Set<String> reported = new HashSet<>();
        for (Target t : targets(s.change(), defaultSchema)) {
          List<DriftItem> items = byRelation.getOrDefault(t.relation(), List.of());
          if (!items.isEmpty() && reported.add(t.relation())) {
            out.add(
                new DriftFinding(
                    DriftFinding.TOUCHES_DRIFTED_OBJECT,
                    Severity.WARNING,
                    Optional.of(s.span()),
                    t.action()
                        + " "
                        + t.relation()
                        + ", which differs in production from the migration history: "
                        + items.stream()
                            .limit(3)
                            .map(DriftItem::message)
                            .collect(Collectors.joining("; "))
                        + (items.size() > 3 ? " (and " + (items.size() - 3) + " more)" : ""),
                    concat(
                        t.relation(), items.stream().map(DriftItem::object).distinct().toList())));
          }
          if (t.breaksDependents()) {
            for (Dependency d : production.dependencies()) {
              if (d.referenced().equals(t.relation())
                  && (t.column().isEmpty() || d.column().equals(t.column()))
                  && !expectedDeps.contains(d)
                  && reported.add(d.dependent() + "->" + t.relation() + t.column())) {
                String target = t.relation() + t.column().map(c -> "." + c).orElse("");
                boolean knownView =
                    expected.views().stream().anyMatch(v -> v.qualified().equals(d.dependent()));
                out.add(
                    new DriftFinding(
                        DriftFinding.BREAKS_PRODUCTION_ONLY_DEPENDENT,
                        Severity.ERROR,
                        Optional.of(s.span()),
                        t.action()
                            + " "
                            + target
                            + ", but production's "
                            + d.dependentKind().replace('_', ' ')
                            + " "
                            + d.dependent()
                            + " depends on it and "
                            + (knownView
                                ? "its production definition is not the one in the migration history"
                                : "no migration creates that view")
                            + ": the statement fails or silently changes an object nobody reviewed; bring "
                            + d.dependent()
                            + " into the migrations (or drop it there) first",
                        List.of(target, d.dependent())));
              }
            }
          }
        }
      }
    }
    return List.copyOf(out);
  }

  public static Optional<DriftFinding> staleness(
      SchemaSnapshot snapshot, Instant now, Duration maxAge) {
    Duration age = Duration.between(snapshot.takenAt(), now);
    if (age.compareTo(maxAge) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new DriftFinding(
            DriftFinding.STALE_SNAPSHOT,
            Severity.WARNING,
            Optional.empty(),
            "the production snapshot was taken "
                + human(age)
                + " ago ("
                + snapshot.takenAt()
                + "), more than "
                + human(maxAge)
                + ": drift and impact are judged on an old picture; take a new one with warden snapshot",
            List.of("snapshot")));
  }

  private static String human(Duration d) {
    return d.toDays() >= 2
        ? d.toDays() + " days"
        : d.toHours() >= 2 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    rest.stream().filter(r -> !r.equals(first)).forEach(out::add);
    return out;
  }

  private static String name(QualifiedName q, String defaultSchema) {
    QualifiedName n = q.withDefaultSchema(defaultSchema);
    return n.schema().orElse(defaultSchema) + "." + n.name();
  }

  private static List<Target> targets(Change change, String defaultSchema) {
    List<Target> out = new ArrayList<>();
    if (change instanceof Change.AlterTable a) {
      String rel = name(a.table(), defaultSchema);
      out.add(new Target(rel, Optional.empty(), "ALTER TABLE", false));
      for (AlterAction action : a.actions()) {
        if (action instanceof AlterAction.RenameColumn r) {
          out.add(new Target(rel, Optional.of(r.from()), "renames column", true));
        } else if (action instanceof AlterAction.DropColumn d) {
          out.add(new Target(rel, Optional.of(d.column()), "drops column", true));
        } else if (action instanceof AlterAction.AlterColumnType t) {
          out.add(new Target(rel, Optional.of(t.column()), "changes the type of column", true));
        }
      }
    } else if (change instanceof Change.Drop d) {
      boolean relation =
          d.kind() == Change.ObjectKind.TABLE
              || d.kind() == Change.ObjectKind.VIEW
              || d.kind() == Change.ObjectKind.MATERIALIZED_VIEW;
      d.names()
          .forEach(
              n ->
                  out.add(
                      new Target(
                          name(n, defaultSchema),
                          Optional.empty(),
                          "DROP " + d.kind().name().replace('_', ' '),
                          relation)));
    } else if (change instanceof Change.Rename r) {
      out.add(new Target(name(r.from(), defaultSchema), Optional.empty(), "renames", false));
    } else if (change instanceof Change.CreateView v) {
      out.add(
          new Target(
              name(v.name(), defaultSchema),
              Optional.empty(),
              v.orReplace() ? "replaces view" : "creates view",
              false));
    } else if (change instanceof Change.CreateIndex i) {
      out.add(new Target(name(i.table(), defaultSchema), Optional.empty(), "indexes", false));
      i.name()
          .ifPresent(
              n ->
                  out.add(
                      new Target(
                          name(QualifiedName.of(i.table().schema().orElse(null), n), defaultSchema),
                          Optional.empty(),
                          "creates index",
                          false)));
    } else if (change instanceof Change.CreateTable t) {
      out.add(new Target(name(t.table(), defaultSchema), Optional.empty(), "creates table", false));
    } else if (change instanceof Change.Truncate t) {
      t.tables()
          .forEach(
              n ->
                  out.add(
                      new Target(name(n, defaultSchema), Optional.empty(), "truncates", false)));
    } else if (change instanceof Change.Other o && o.target().isPresent()) {
      out.add(
          new Target(
              name(o.target().get(), defaultSchema),
              Optional.empty(),
              o.keywords() + " on",
              false));
    }
    return out;
  }
}
