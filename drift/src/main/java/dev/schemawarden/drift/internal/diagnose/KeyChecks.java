package dev.schemawarden.drift.internal.diagnose;

import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.SYSTEM_SCHEMAS;
import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.notExtensionMember;

import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import dev.schemawarden.drift.api.ProposedFix;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** DG105 foreign keys without a covering index and DG107 tables without a primary key. */
final class KeyChecks {
  /** Size and counters of relations named as SQL reads them (what the foreign-key probe returns). */
  private static final String RELATIONS =
      """
      SELECT x.name, n.nspname, c.relname, c.relkind::text AS kind, pg_total_relation_size(c.oid) AS bytes,
             greatest(c.reltuples, 0)::bigint AS rows, coalesce(s.n_tup_upd, 0) AS upd,
             coalesce(s.n_tup_del, 0) AS del, coalesce(s.seq_scan, 0) AS seq
        FROM unnest(?::text[]) AS x(name) JOIN pg_class c ON c.oid = x.name::regclass
        JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
      """;

  private static final String WITHOUT_PRIMARY_KEY =
      """
      SELECT n.nspname, c.relname, c.relkind::text AS kind, pg_total_relation_size(c.oid) AS bytes,
             greatest(c.reltuples, 0)::bigint AS rows,
             coalesce(s.n_tup_ins, 0) AS ins, coalesce(s.n_tup_upd, 0) AS upd, coalesce(s.n_tup_del, 0) AS del,
             (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
               WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
                 AND i.indexprs IS NULL AND i.indnkeyatts = i.indnatts
                 AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a
                                   ON a.attrelid = c.oid AND a.attnum = k WHERE NOT a.attnotnull)
               ORDER BY ic.relname COLLATE "C" LIMIT 1) AS candidate,
             (SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
               WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
                 AND i.indexprs IS NULL AND i.indnkeyatts = i.indnatts
                 AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a
                                   ON a.attrelid = c.oid AND a.attnum = k WHERE NOT a.attnotnull)
               ORDER BY ic.relname COLLATE "C" LIMIT 1) AS candidate_def,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id'
                       AND NOT a.attisdropped) AS has_id
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
       WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
         AND\s"""
          + SYSTEM_SCHEMAS
          + " AND "
          + notExtensionMember("pg_class", "c.oid")
          + """

       ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
      """;

  private record Rel(
      String schema,
      String name,
      boolean partitioned,
      long bytes,
      long rows,
      long updates,
      long deletes,
      long seqScans) {}

  private KeyChecks() {}

  static void foreignKeys(Pass pass) throws SQLException {
    List<TraceAnalysis.ForeignKeyGap> gaps =
        pass.db.timed(c -> TraceAnalysis.uncoveredForeignKeys(c, Set.of()));
    if (gaps.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>();
    gaps.forEach(
        g -> {
          names.add(g.table());
          names.add(g.referencedTable());
        });
    Map<String, Rel> rels = new HashMap<>();
    pass.db.rows(
        RELATIONS,
        rs ->
            rels.put(
                rs.getString("name"),
                new Rel(
                    rs.getString("nspname"),
                    rs.getString("relname"),
                    rs.getString("kind").equals("p"),
                    rs.getLong("bytes"),
                    rs.getLong("rows"),
                    rs.getLong("upd"),
                    rs.getLong("del"),
                    rs.getLong("seq"))),
        (Object) names.stream().distinct().toArray(String[]::new));
    for (TraceAnalysis.ForeignKeyGap g : gaps) {
      Rel child = rels.get(g.table());
      Rel parent = rels.get(g.referencedTable());
      if (child == null || parent == null) {
        continue;
      }
      long parentChanges = parent.updates + parent.deletes;
      Severity severity =
          parentChanges == 0
              ? Severity.INFO
              : child.bytes >= pass.settings.largeTableBytes() ? Severity.ERROR : Severity.WARNING;
      List<String> raw = g.columns().stream().map(Identifiers::unquote).toList();
      String childName = Names.show(child.schema, child.name);
      String cols = Names.escape(String.join(", ", g.columns()));
      pass.problems.add(
          new Problem(
              "DG105",
              severity,
              childName + "." + Names.show(g.constraint()),
              "foreign key "
                  + Names.show(g.constraint())
                  + " on "
                  + childName
                  + " ("
                  + cols
                  + ") references "
                  + Names.show(parent.schema, parent.name)
                  + " but no valid, non-partial index on "
                  + childName
                  + " starts with ("
                  + cols
                  + "): each DELETE or key UPDATE on the parent scans "
                  + childName
                  + (child.partitioned
                      ? "; it is partitioned: index each partition CONCURRENTLY, then create the"
                          + " parent's index ON ONLY and ATTACH each partition's"
                      : ""),
              List.of(
                  new Measure("parent_updates_deletes", parentChanges, "count"),
                  new Measure(
                      "parent_updates_deletes_per_second", pass.rate(parentChanges), "per_second"),
                  new Measure("child_bytes", child.bytes, "bytes"),
                  new Measure("child_rows", child.rows, "count"),
                  new Measure("child_seq_scans", child.seqScans, "count")),
              child.partitioned
                  ? Optional.empty()
                  : Optional.of(
                      Fixes.indexForeignKey(child.schema, child.name, g.columns(), raw))));
    }
  }

  static void primaryKeys(Pass pass) throws SQLException {
    record Row(
        String schema,
        String name,
        boolean partitioned,
        long bytes,
        long rows,
        long ins,
        long upd,
        long del,
        Optional<String> candidate,
        Optional<String> candidateDef,
        boolean hasId) {}
    List<Row> rows =
        pass.db.rows(
            WITHOUT_PRIMARY_KEY,
            rs ->
                new Row(
                    rs.getString("nspname"),
                    rs.getString("relname"),
                    rs.getString("kind").equals("p"),
                    rs.getLong("bytes"),
                    rs.getLong("rows"),
                    rs.getLong("ins"),
                    rs.getLong("upd"),
                    rs.getLong("del"),
                    Optional.ofNullable(rs.getString("candidate")),
                    Optional.ofNullable(rs.getString("candidate_def")),
                    rs.getBoolean("has_id")));
    for (Row r : rows) {
      Severity severity =
          r.upd + r.del > 0 || r.bytes >= pass.settings.largeTableBytes()
              ? Severity.WARNING
              : Severity.INFO;
      String table = Names.sql(r.schema, r.name);
      Optional<ProposedFix> fix;
      if (r.partitioned) {
        fix =
            Optional
                .empty(); // a partitioned table's key must include the partition key: a person's
        // choice
      } else if (r.candidate.isPresent()) {
        String index = Identifiers.quote(r.candidate.get());
        fix =
            Optional.of(
                new ProposedFix(
                    "promote the unique index on NOT NULL columns to the primary key",
                    ProposedFix.Kind.MIGRATION,
                    Fixes.LOCK_TIMEOUT
                        + "ALTER TABLE "
                        + table
                        + " ADD CONSTRAINT "
                        + index
                        + " PRIMARY KEY USING INDEX "
                        + index
                        + ";\n",
                    Optional.of(
                        Fixes.LOCK_TIMEOUT
                            + "ALTER TABLE "
                            + table
                            + " DROP CONSTRAINT "
                            + index
                            + ";\n"
                            + Fixes.concurrently(r.candidateDef.orElseThrow())
                            + ";\n"),
                    false,
                    Optional.empty()));
      } else if (!r.hasId) {
        fix =
            Optional.of(
                new ProposedFix(
                    "add an identity column as the primary key",
                    ProposedFix.Kind.MIGRATION,
                    Fixes.LOCK_TIMEOUT
                        + "ALTER TABLE "
                        + table
                        + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;\n",
                    Optional.of(Fixes.LOCK_TIMEOUT + "ALTER TABLE " + table + " DROP COLUMN id;\n"),
                    false,
                    Optional.of(
                        "adding an identity column rewrites the table under ACCESS EXCLUSIVE: on a large or busy"
                            + " table add the column without the identity, backfill it in batches, then build a unique index"
                            + " CONCURRENTLY and promote it (docs/diagnose.md#online-plans)")));
      } else {
        fix = Optional.empty();
      }
      pass.problems.add(
          new Problem(
              "DG107",
              severity,
              Names.show(r.schema, r.name),
              "table "
                  + Names.show(r.schema, r.name)
                  + " has no primary key: logical replication cannot apply its UPDATEs and"
                  + " DELETEs, and duplicate rows cannot be told apart"
                  + (fix.isPresent()
                      ? ""
                      : r.partitioned
                          ? "; it is partitioned: choose a key that includes the partition key"
                          : "; it has a column named id that is not a key: choose the key by hand"),
              List.of(
                  new Measure("table_bytes", r.bytes, "bytes"),
                  new Measure("rows", r.rows, "count"),
                  new Measure("updates_deletes", r.upd + r.del, "count"),
                  new Measure("writes_per_second", pass.rate(r.ins + r.upd + r.del), "per_second")),
              fix));
    }
  }
}
