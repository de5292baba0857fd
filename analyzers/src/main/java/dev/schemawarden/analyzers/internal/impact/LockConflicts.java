package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.LockMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which of the application's statements a lock blocks, from PostgreSQL's conflict table
 * ({@link LockMode#conflictsWith}) and the lock each kind of statement takes
 * (https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES).
 */
public enum LockConflicts {
  SELECT("SELECT", LockMode.ACCESS_SHARE),
  SELECT_FOR_UPDATE("SELECT FOR UPDATE/SHARE", LockMode.ROW_SHARE),
  WRITE("INSERT/UPDATE/DELETE", LockMode.ROW_EXCLUSIVE),
  VACUUM("VACUUM/ANALYZE", LockMode.SHARE_UPDATE_EXCLUSIVE),
  CREATE_INDEX("CREATE INDEX", LockMode.SHARE),
  DDL("other DDL", LockMode.ACCESS_EXCLUSIVE);

  private final String label;
  private final LockMode takes;

  LockConflicts(String label, LockMode takes) {
    this.label = label;
    this.takes = takes;
  }

  public String label() {
    return label;
  }

  /** The statement kinds {@code mode} makes wait, in the order above. */
  public static List<LockConflicts> blockedBy(LockMode mode) {
    return Arrays.stream(values()).filter(s -> mode.conflictsWith(s.takes)).toList();
  }

  /** E.g. "blocks SELECT, INSERT/UPDATE/DELETE, ...; allows ..." for reports. */
  public static String describe(LockMode mode) {
    List<LockConflicts> blocked = blockedBy(mode);
    String blocks =
        blocked.isEmpty()
            ? "blocks nothing applications run"
            : "blocks "
                + blocked.stream().map(LockConflicts::label).collect(Collectors.joining(", "));
    List<String> allowed =
        Arrays.stream(values())
            .filter(s -> !blocked.contains(s))
            .map(LockConflicts::label)
            .toList();
    return allowed.isEmpty() ? blocks : blocks + "; allows " + String.join(", ", allowed);
  }
}
