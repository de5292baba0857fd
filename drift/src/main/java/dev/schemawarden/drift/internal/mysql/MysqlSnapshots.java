package dev.schemawarden.drift.internal.mysql;

import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.Dependency;
import dev.schemawarden.drift.api.SchemaSnapshot.RelationStats;
import dev.schemawarden.drift.api.SchemaSnapshot.Routine;
import dev.schemawarden.drift.api.SchemaSnapshot.Table;
import dev.schemawarden.drift.api.SchemaSnapshot.View;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a MySQL/MariaDB expected schema comparable with production's. The history replays in a sandbox database
 * ({@code warden_r_<random>}) while production's is, say, {@code shop}: the expected schema's one database is named
 * as production's. And what production's snapshot user could not read (triggers without the TRIGGER privilege,
 * routines without a routine privilege, a view without SHOW VIEW) is not compared, instead of being reported as
 * missing.
 */
public final class MysqlSnapshots {
  private MysqlSnapshots() {}

  /** {@code expected} as comparable with {@code production}; unchanged when either is not MySQL-family. */
  public static SchemaSnapshot aligned(SchemaSnapshot expected, SchemaSnapshot production) {
    if (!expected.server().mysqlFamily()
        || !production.server().mysqlFamily()
        || expected.schemas().size() != 1) {
      return expected;
    }
    String from = expected.schemas().get(0).name();
    Optional<String> to =
        Optional.ofNullable(production.server().settings().get("database"))
            .or(
                () ->
                    production.schemas().size() == 1
                        ? Optional.of(production.schemas().get(0).name())
                        : Optional.empty());
    SchemaSnapshot renamed =
        to.filter(name -> !name.equals(from))
            .map(name -> renamed(expected, from, name))
            .orElse(expected);
    boolean noTriggers = production.unreadable().contains(MysqlCatalog.TRIGGERS_UNREADABLE);
    boolean noRoutines = production.unreadable().contains(MysqlCatalog.ROUTINES_UNREADABLE);
    Set<String> hiddenViews =
        production.views().stream()
            .filter(v -> v.definition().isEmpty())
            .map(View::qualified)
            .collect(Collectors.toSet());
    if (!noTriggers && !noRoutines && hiddenViews.isEmpty()) {
      return renamed;
    }
    List<Table> tables =
        renamed.tables().stream()
            .map(
                t ->
                    !noTriggers
                        ? t
                        : new Table(
                            t.schema(),
                            t.name(),
                            t.kind(),
                            t.persistence(),
                            t.partitionKey(),
                            t.partitionOf(),
                            t.partitionBound(),
                            t.options(),
                            t.owner(),
                            t.acl(),
                            t.comment(),
                            t.columns(),
                            t.constraints(),
                            t.indexes(),
                            List.of()))
            .toList();
    List<View> views =
        renamed.views().stream()
            .map(
                v ->
                    !hiddenViews.contains(v.qualified())
                        ? v
                        : new View(
                            v.schema(),
                            v.name(),
                            v.materialized(),
                            "",
                            v.options(),
                            v.owner(),
                            v.acl(),
                            v.comment(),
                            v.indexes()))
            .toList();
    return with(
        renamed,
        renamed.schemas(),
        tables,
        views,
        noRoutines ? production.routines() : renamed.routines(),
        renamed.dependencies(),
        renamed.statistics());
  }

  private static SchemaSnapshot renamed(SchemaSnapshot s, String from, String to) {
    List<Table> tables =
        s.tables().stream()
            .map(
                t ->
                    new Table(
                        to,
                        t.name(),
                        t.kind(),
                        t.persistence(),
                        t.partitionKey(),
                        t.partitionOf(),
                        t.partitionBound(),
                        t.options(),
                        t.owner(),
                        t.acl(),
                        t.comment(),
                        t.columns(),
                        t.constraints(),
                        t.indexes(),
                        t.triggers()))
            .toList();
    List<View> views =
        s.views().stream()
            .map(
                v ->
                    new View(
                        to,
                        v.name(),
                        v.materialized(),
                        v.definition(),
                        v.options(),
                        v.owner(),
                        v.acl(),
                        v.comment(),
                        v.indexes()))
            .toList();
    List<Routine> routines =
        s.routines().stream()
            .map(
                r ->
                    new Routine(
                        to,
                        r.name(),
                        r.arguments(),
                        r.kind(),
                        r.definition(),
                        r.owner(),
                        r.acl(),
                        r.comment()))
            .toList();
    List<Dependency> dependencies =
        s.dependencies().stream()
            .map(
                d ->
                    new Dependency(
                        swap(d.dependent(), from, to),
                        d.dependentKind(),
                        swap(d.referenced(), from, to),
                        d.column()))
            .toList();
    SchemaSnapshot.Statistics st = s.statistics();
    SchemaSnapshot.Statistics stats =
        new SchemaSnapshot.Statistics(
            st.readAt(),
            st.relations().stream()
                .map(
                    r ->
                        new RelationStats(
                            swap(r.relation(), from, to),
                            r.kind(),
                            r.totalBytes(),
                            r.indexBytes(),
                            r.pages(),
                            r.tuples(),
                            r.inserts(),
                            r.updates(),
                            r.deletes(),
                            r.seqScans(),
                            r.idxScans()))
                .toList(),
            st.countersSince());
    return with(
        s,
        List.of(new SchemaSnapshot.Schema(to, "", List.of(), Optional.empty())),
        tables,
        views,
        routines,
        dependencies,
        stats);
  }

  private static String swap(String qualified, String from, String to) {
    return qualified.startsWith(from + ".") ? to + qualified.substring(from.length()) : qualified;
  }

  private static SchemaSnapshot with(
      SchemaSnapshot s,
      List<SchemaSnapshot.Schema> schemas,
      List<Table> tables,
      List<View> views,
      List<Routine> routines,
      List<Dependency> dependencies,
      SchemaSnapshot.Statistics stats) {
    return new SchemaSnapshot(
        s.formatVersion(),
        s.takenAt(),
        s.server(),
        schemas,
        s.extensions(),
        s.types(),
        s.sequences(),
        tables,
        views,
        routines,
        dependencies,
        stats,
        s.history(),
        s.unreadable());
  }
}
