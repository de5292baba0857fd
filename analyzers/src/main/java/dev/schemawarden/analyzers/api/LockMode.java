package dev.schemawarden.analyzers.api;

/**
 * PostgreSQL's table-level lock modes, weakest first, spelled in reports as {@code pg_locks.mode} spells them.
 * See https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES
 */
public enum LockMode {
  ACCESS_SHARE("AccessShareLock", "ACCESS SHARE"),
  ROW_SHARE("RowShareLock", "ROW SHARE"),
  ROW_EXCLUSIVE("RowExclusiveLock", "ROW EXCLUSIVE"),
  SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE"),
  SHARE("ShareLock", "SHARE"),
  SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE"),
  EXCLUSIVE("ExclusiveLock", "EXCLUSIVE"),
  ACCESS_EXCLUSIVE("AccessExclusiveLock", "ACCESS EXCLUSIVE");

  // Conflict table from the PostgreSQL docs, indexed by ordinal: bit i set = conflicts with mode i.
  private static final int[] CONFLICTS = {
    0b10000000, // ACCESS SHARE
    0b11000000, // ROW SHARE
    0b11110000, // ROW EXCLUSIVE
    0b11111000, // SHARE UPDATE EXCLUSIVE
    0b11101100, // SHARE
    0b11111100, // SHARE ROW EXCLUSIVE
    0b11111110, // EXCLUSIVE
    0b11111111, // ACCESS EXCLUSIVE
  };

  private final String pgLocksName;
  private final String sqlName;

  LockMode(String pgLocksName, String sqlName) {
    this.pgLocksName = pgLocksName;
    this.sqlName = sqlName;
  }

  /** As {@code pg_locks.mode} spells it, e.g. {@code AccessExclusiveLock}: the JSON report's spelling. */
  public String pgLocksName() {
    return pgLocksName;
  }

  /** As SQL and the docs spell it, e.g. {@code ACCESS EXCLUSIVE}: the spelling for people. */
  public String sqlName() {
    return sqlName;
  }

  public boolean conflictsWith(LockMode other) {
    return (CONFLICTS[ordinal()] & (1 << other.ordinal())) != 0;
  }

  /** Plain reads ({@code SELECT}) take ACCESS SHARE. */
  public boolean blocksReads() {
    return conflictsWith(ACCESS_SHARE);
  }

  /** Writes ({@code INSERT/UPDATE/DELETE}) take ROW EXCLUSIVE. */
  public boolean blocksWrites() {
    return conflictsWith(ROW_EXCLUSIVE);
  }

  public static LockMode fromPgLocks(String mode) {
    for (LockMode m : values()) {
      if (m.pgLocksName.equals(mode)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown pg_locks mode " + mode);
  }
}
