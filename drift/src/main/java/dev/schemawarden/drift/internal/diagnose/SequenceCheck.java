package dev.schemawarden.drift.internal.diagnose;

import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.SYSTEM_SCHEMAS;

import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import dev.schemawarden.drift.api.ProposedFix;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DG106: ascending sequences (serial, identity or plain) past a fraction of their range. The range ends at the
 * lower of the sequence's own maximum and its owning column's type: a bigint sequence feeding an integer column
 * fails at 2^31 - 1 all the same.
 */
final class SequenceCheck {
  private static final Map<String, Long> TYPE_MAX =
      Map.of(
          "smallint",
          (long) Short.MAX_VALUE,
          "integer",
          (long) Integer.MAX_VALUE,
          "bigint",
          Long.MAX_VALUE);

  private static final String SEQUENCES =
      """
      SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS seqtype, s.seqincrement, s.seqmax,
             has_sequence_privilege(c.oid, 'SELECT,USAGE') AS readable,
             CASE WHEN has_sequence_privilege(c.oid, 'SELECT,USAGE') THEN pg_sequence_last_value(c.oid) END
               AS last_value,
             tn.nspname AS tschema, t.relname AS tbl, a.attname AS col, format_type(a.atttypid, NULL) AS coltype,
             coalesce(a.attidentity, '') AS identity
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
        LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
       WHERE s.seqincrement > 0 AND\s"""
          + SYSTEM_SCHEMAS
          + """

       ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
      """;

  private record Seq(
      String schema,
      String name,
      String type,
      long max,
      boolean readable,
      Optional<Long> last,
      Optional<String> tableSchema,
      Optional<String> table,
      Optional<String> column,
      Optional<String> columnType,
      boolean identity) {}

  private SequenceCheck() {}

  static void run(Pass pass) throws SQLException {
    List<Seq> all =
        pass.db.rows(
            SEQUENCES,
            rs -> {
              long last = rs.getLong("last_value");
              return new Seq(
                  rs.getString("nspname"),
                  rs.getString("relname"),
                  rs.getString("seqtype"),
                  rs.getLong("seqmax"),
                  rs.getBoolean("readable"),
                  rs.wasNull() ? Optional.empty() : Optional.of(last),
                  Optional.ofNullable(rs.getString("tschema")),
                  Optional.ofNullable(rs.getString("tbl")),
                  Optional.ofNullable(rs.getString("col")),
                  Optional.ofNullable(rs.getString("coltype")),
                  !rs.getString("identity").isEmpty());
            });
    for (Seq s : all) {
      if (!s.readable) {
        pass.notes.add(
            "DG106 sequence "
                + Names.show(s.schema, s.name)
                + " not read: GRANT SELECT ON SEQUENCE"
                + " to the diagnose role to have it checked");
        continue;
      }
      if (s.last.isEmpty()) {
        continue; // never used
      }
      long columnMax =
          s.columnType.map(t -> TYPE_MAX.getOrDefault(t, Long.MAX_VALUE)).orElse(Long.MAX_VALUE);
      long limit = Math.min(s.max, columnMax);
      double used = (double) s.last.get() / limit;
      if (used < pass.settings.sequenceWarning()) {
        continue;
      }
      Severity severity = used >= pass.settings.sequenceError() ? Severity.ERROR : Severity.WARNING;
      String owner =
          s.column
              .map(
                  c ->
                      " ("
                          + Names.show(s.tableSchema.orElseThrow(), s.table.orElseThrow())
                          + "."
                          + Names.show(c)
                          + ", "
                          + s.columnType.orElseThrow()
                          + ")")
              .orElse("");
      pass.problems.add(
          new Problem(
              "DG106",
              severity,
              Names.show(s.schema, s.name),
              "sequence "
                  + Names.show(s.schema, s.name)
                  + owner
                  + " has used "
                  + Math.round(used * 1000) / 10.0
                  + "% of its range:"
                  + " inserts fail once it reaches "
                  + limit,
              List.of(
                  new Measure("last_value", s.last.get(), "count"),
                  new Measure("max_value", limit, "count"),
                  new Measure("used_fraction", used, "fraction"),
                  new Measure("remaining", limit - s.last.get(), "count")),
              Optional.of(fix(s, columnMax <= s.max && columnMax < Long.MAX_VALUE))));
    }
  }

  /** Widen the column (which the sequence follows for identity) or, when the sequence itself is the limit, it. */
  private static ProposedFix fix(Seq s, boolean columnIsTheLimit) {
    String seq = Names.sql(s.schema, s.name);
    if (!columnIsTheLimit) {
      return new ProposedFix(
          "widen the sequence to bigint",
          ProposedFix.Kind.MIGRATION,
          Fixes.LOCK_TIMEOUT + "ALTER SEQUENCE " + seq + " AS bigint;\n",
          Optional.of(Fixes.LOCK_TIMEOUT + "ALTER SEQUENCE " + seq + " AS " + s.type + ";\n"),
          false,
          Optional.empty());
    }
    String table = Names.sql(s.tableSchema.orElseThrow(), s.table.orElseThrow());
    String column = Identifiers.quote(s.column.get());
    // An identity column's sequence follows the column's new type; a serial's does not.
    String widenSequence =
        s.identity || s.type.equals("bigint") ? "" : "ALTER SEQUENCE " + seq + " AS bigint;\n";
    return new ProposedFix(
        "widen the column to bigint",
        ProposedFix.Kind.MIGRATION,
        Fixes.LOCK_TIMEOUT
            + "ALTER TABLE "
            + table
            + " ALTER COLUMN "
            + column
            + " TYPE bigint;\n"
            + widenSequence,
        Optional.of(
            Fixes.LOCK_TIMEOUT
                + (widenSequence.isEmpty() ? "" : "ALTER SEQUENCE " + seq + " AS " + s.type + ";\n")
                + "ALTER TABLE "
                + table
                + " ALTER COLUMN "
                + column
                + " TYPE "
                + s.columnType.orElseThrow()
                + ";\n"),
        false,
        Optional.of(
            "changing the column's type rewrites the table and its indexes under ACCESS EXCLUSIVE: on a"
                + " large or busy table use the expand/contract recipe instead (add a bigint column, fill new rows with"
                + " a trigger, backfill in batches, build its unique index CONCURRENTLY, swap in one short transaction,"
                + " then widen the foreign keys that reference it; docs/diagnose.md#online-plans)"));
  }
}
