package dev.schemawarden.analyzers.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The problems findings report, as {@link Finding#concern()} keys. A static rule and a trace rule that see the same
 * problem report the same key, and the review merges them into one finding. A key is scoped to its statement
 * unless it is {@link #migrationWide migration-wide}: then one finding covers every statement of the migration.
 */
public final class Concerns {

  /** No non-zero lock_timeout before a lock that blocks others: once per migration, at its first such statement. */
  public static final String LOCK_TIMEOUT = "lock-timeout";

  /** No statement_timeout bounds how long a strong lock is held: once per migration. */
  public static final String STATEMENT_TIMEOUT = "statement-timeout";

  /**
   * {@code DROP ... CASCADE} drops objects the statement does not name: the static rule (DS108) and what the trace saw
   * dropped (TR110) are one problem of the statement.
   */
  public static final String DROP_CASCADE = "drop-cascade";

  private Concerns() {}

  /** The statement takes a lock on {@code relation}, which it does not name (TR109). */
  public static String unnamedLock(String relation) {
    return "unnamed-lock:" + relation(relation);
  }

  /** {@code relation} is rewritten (new relfilenode) by the statement. */
  public static String rewrite(String relation) {
    return "rewrite:" + relation(relation);
  }

  /** {@code relation} is read in full (to validate a constraint or NOT NULL) while writes are blocked. */
  public static String scan(String relation) {
    return "scan:" + relation(relation);
  }

  /** An index on {@code relation} is built while writes to it are blocked. */
  public static String indexBuild(String relation) {
    return "index-build:" + relation(relation);
  }

  /** A strong lock on {@code relation} stays held across statements, or is taken again and again. */
  public static String lockHeld(String relation) {
    return "lock-held:" + relation(relation);
  }

  /** The table a change mainly acts on, when it names one. */
  public static Optional<QualifiedName> table(Change change) {
    if (change instanceof Change.AlterTable a) {
      return Optional.of(a.table());
    } else if (change instanceof Change.CreateIndex c) {
      return Optional.of(c.table());
    } else if (change instanceof Change.Vacuum v) {
      return v.tables().stream().findFirst();
    } else if (change instanceof Change.Cluster c) {
      return c.table();
    } else if (change instanceof Change.Reindex r) {
      return Optional.of(r.name()); // REINDEX TABLE t, or the index itself
    } else if (change instanceof Change.Other o) {
      return o.target();
    }
    return Optional.empty();
  }

  /** Whether findings of {@code concern} merge across the statements of a migration, not only within one. */
  public static boolean migrationWide(String concern) {
    return concern.equals(LOCK_TIMEOUT)
        || concern.equals(STATEMENT_TIMEOUT)
        || concern.startsWith("lock-held:");
  }

  /** {@code public.Orders}, {@code orders} and {@code "orders"} are one relation: the key drops the default schema. */
  static String relation(String relation) {
    String r = relation.replace("\"", "").toLowerCase(Locale.ROOT).strip();
    return r.startsWith("public.") ? r.substring("public.".length()) : r;
  }

  /** {@code kind:<table>} for the statement's table, or the rule's own id when the statement names no table. */
  public static String onTable(String kind, SqlStatement statement, String ruleId) {
    return table(statement.change()).map(t -> kind + ":" + relation(t.toString())).orElse(ruleId);
  }
}
