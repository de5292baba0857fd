package dev.schemawarden.policy.api;

import java.util.Locale;

/**
 * What kind of operation a statement performs, as policies match on it. A statement may belong to several classes
 * (an {@code ALTER TABLE} that adds one column and drops another is both {@link #ADDITIVE_DDL} and
 * {@link #DESTRUCTIVE}). Listed from most to least consequential.
 */
public enum OperationClass {
  /** Loses data or state that cannot be restored from the migration history: the built-in floor applies. */
  DESTRUCTIVE,
  /** Grants, revokes, roles. */
  PRIVILEGE_CHANGE,
  /** Rewrites a table or index (new relfilenode): cost grows with the table. */
  REWRITING_DDL,
  /** Inserts, updates, deletes, merges or copies rows. */
  DATA_CHANGE,
  /** Creates or drops an extension. */
  EXTENSION,
  /** Adds objects, columns or constraints without rewriting or losing anything. */
  ADDITIVE_DDL,
  /** Everything else: renames, settings, transaction control, comments, unclassified statements. */
  OTHER;

  /** As policy files spell it: {@code destructive}, {@code rewriting_ddl}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Irreversible operations always need a human approval (POL001). */
  public boolean irreversible() {
    return this == DESTRUCTIVE;
  }
}
