package dev.schemawarden.analyzers.internal.trace;

import java.util.List;

/**
 * The superuser-side half of tracing: an event trigger that records why PostgreSQL rewrote a table. It lives in
 * its own schema, owned by the superuser, so the sandbox role can read the records but not change the trigger.
 */
final class TraceSupport {
  static final String SCHEMA = "warden_trace";
  static final String REWRITES = SCHEMA + ".rewrites";

  static final List<String> SQL =
      List.of(
          "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
          "CREATE TABLE IF NOT EXISTS "
              + REWRITES
              + " (id bigserial PRIMARY KEY, relid oid NOT NULL, reason int NOT NULL)",
          "GRANT USAGE ON SCHEMA " + SCHEMA + " TO PUBLIC",
          "GRANT SELECT ON " + REWRITES + " TO PUBLIC",
          // SECURITY DEFINER: the sandbox role cannot write the table itself, only cause rows
          // through real rewrites.
          "CREATE OR REPLACE FUNCTION "
              + SCHEMA
              + ".record_rewrite() RETURNS event_trigger"
              + " LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$"
              + " BEGIN INSERT INTO "
              + REWRITES
              + " (relid, reason)"
              + " VALUES (pg_event_trigger_table_rewrite_oid(), pg_event_trigger_table_rewrite_reason()); END $$",
          "DROP EVENT TRIGGER IF EXISTS warden_table_rewrite",
          "CREATE EVENT TRIGGER warden_table_rewrite ON table_rewrite EXECUTE FUNCTION "
              + SCHEMA
              + ".record_rewrite()");

  private TraceSupport() {}

  /** The reason bits of {@code pg_event_trigger_table_rewrite_reason()} (AT_REWRITE_* in tablecmds.h), in words. */
  static String describeReason(int bits) {
    StringBuilder sb = new StringBuilder();
    append(sb, bits, 1, "persistence changed (SET LOGGED/UNLOGGED)");
    append(sb, bits, 2, "default value needs a rewrite (volatile default)");
    append(sb, bits, 4, "column type or storage changed");
    append(sb, bits, 8, "access method changed");
    return sb.length() == 0 ? "table rewrite (reason " + bits + ")" : sb.toString();
  }

  private static void append(StringBuilder sb, int bits, int bit, String text) {
    if ((bits & bit) != 0) {
      sb.append(sb.length() == 0 ? "" : "; ").append(text);
    }
  }
}
