package dev.schemawarden.drift.internal.diagnose;

import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.SYSTEM_SCHEMAS;

import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import dev.schemawarden.drift.api.ProposedFix;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** DG108 transaction-ID age against {@code autovacuum_freeze_max_age}, DG109 inactive replication slots. */
final class ServerChecks {
  private static final String XID_AGE =
      """
      SELECT age(d.datfrozenxid) AS db_age, current_setting('autovacuum_freeze_max_age')::bigint AS freeze_max,
             t.nspname, t.relname, t.table_age
        FROM pg_database d
        LEFT JOIN (SELECT n.nspname, c.relname, age(c.relfrozenxid) AS table_age
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'm') AND\s"""
          + SYSTEM_SCHEMAS
          + """

                    ORDER BY age(c.relfrozenxid) DESC, n.nspname COLLATE "C", c.relname COLLATE "C" LIMIT 1) t
          ON true
       WHERE d.datname = current_database()
      """;

  private static final String SLOTS =
      """
      SELECT slot_name, slot_type, coalesce(database, '') AS database,
             coalesce(pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                                           ELSE pg_current_wal_lsn() END, restart_lsn), 0)::bigint AS retained
        FROM pg_replication_slots
       WHERE NOT active
       ORDER BY slot_name COLLATE "C"
      """;

  private ServerChecks() {}

  static void transactionIdAge(Pass pass) throws SQLException {
    record Row(
        long dbAge,
        long freezeMax,
        Optional<String> schema,
        Optional<String> table,
        long tableAge) {}
    Row r =
        pass.db.one(
            XID_AGE,
            rs ->
                new Row(
                    rs.getLong("db_age"),
                    rs.getLong("freeze_max"),
                    Optional.ofNullable(rs.getString("nspname")),
                    Optional.ofNullable(rs.getString("relname")),
                    rs.getLong("table_age")));
    double fraction = (double) r.dbAge / r.freezeMax;
    if (fraction < pass.settings.xidAgeWarning()) {
      return;
    }
    Severity severity = fraction >= pass.settings.xidAgeError() ? Severity.ERROR : Severity.WARNING;
    String database = Names.show(pass.database);
    Optional<ProposedFix> fix =
        r.table.map(
            t ->
                new ProposedFix(
                    "freeze the oldest table now, outside the" + " nightly window",
                    ProposedFix.Kind.OPERATION,
                    "VACUUM (FREEZE, VERBOSE) " + Names.sql(r.schema.get(), t) + ";\n",
                    Optional.empty(),
                    true,
                    Optional.empty()));
    pass.problems.add(
        new Problem(
            "DG108",
            severity,
            database,
            "database "
                + database
                + " is "
                + r.dbAge
                + " transactions from its oldest unfrozen row, "
                + Math.round(fraction * 100)
                + "% of"
                + " autovacuum_freeze_max_age"
                + r.table
                    .map(t -> "; the oldest table is " + Names.show(r.schema.get(), t))
                    .orElse("")
                + ": autovacuum is not keeping up, and at 2^31 the"
                + " server stops accepting writes",
            List.of(
                new Measure("xid_age", r.dbAge, "xids"),
                new Measure("autovacuum_freeze_max_age", r.freezeMax, "xids"),
                new Measure("fraction_of_freeze_max_age", fraction, "fraction"),
                new Measure("oldest_table_xid_age", r.tableAge, "xids")),
            fix));
  }

  static void replicationSlots(Pass pass) throws SQLException {
    record Slot(String name, String type, String database, long retained) {}
    List<Slot> slots =
        pass.db.rows(
            SLOTS,
            rs ->
                new Slot(
                    rs.getString("slot_name"),
                    rs.getString("slot_type"),
                    rs.getString("database"),
                    rs.getLong("retained")));
    for (Slot s : slots) {
      String name = Names.show(s.name);
      pass.problems.add(
          new Problem(
              "DG109",
              s.retained >= pass.settings.slotRetainedErrorBytes()
                  ? Severity.ERROR
                  : Severity.WARNING,
              name,
              "replication slot "
                  + name
                  + " ("
                  + s.type
                  + (s.database.isEmpty() ? "" : ", database " + Names.show(s.database))
                  + ") is inactive and holds back "
                  + s.retained
                  + " bytes of"
                  + " WAL (and, for a logical slot, vacuum of the catalogs): the disk fills until it is consumed or dropped",
              List.of(new Measure("retained_wal_bytes", s.retained, "bytes")),
              Optional.of(
                  new ProposedFix(
                      "drop the slot once its consumer is confirmed gone",
                      ProposedFix.Kind.OPERATION,
                      "SELECT pg_drop_replication_slot(" + Names.literal(s.name) + ");\n",
                      Optional.empty(),
                      false,
                      Optional.empty()))));
    }
  }
}
