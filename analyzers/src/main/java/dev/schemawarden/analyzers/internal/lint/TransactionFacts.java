package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks one migration once and records, for every statement, what is true just before it runs: the transaction it
 * is in, whether {@code lock_timeout}/{@code statement_timeout} are set, and which existing table an earlier
 * statement of the same transaction holds ACCESS EXCLUSIVE on. Each migration is its own session: tools do not
 * promise to reuse a connection between migrations, so settings do not carry over.
 */
final class TransactionFacts {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*[a-z]*");

  private final DatabaseEngine engine;
  private final ServerVersion version;
  private final Predicate<QualifiedName> isNewTable;

  private boolean explicitOpen;
  private Optional<Boolean> sessionLockTimeout = Optional.empty();
  private Optional<Boolean> localLockTimeout = Optional.empty();
  private Optional<Boolean> sessionStatementTimeout = Optional.empty();
  private Optional<Boolean> localStatementTimeout = Optional.empty();
  private Optional<QualifiedName> accessExclusiveHeldOn = Optional.empty();

  private TransactionFacts(
      DatabaseEngine engine, ServerVersion version, Predicate<QualifiedName> isNewTable) {
    this.engine = engine;
    this.version = version;
    this.isNewTable = isNewTable;
  }

  /** One {@link StatementFacts} per statement of {@code migration}, in order. */
  static List<StatementFacts> compute(
      Migration migration,
      DatabaseEngine engine,
      ServerVersion version,
      Predicate<QualifiedName> isNewTable) {
    TransactionFacts walker = new TransactionFacts(engine, version, isNewTable);
    List<StatementFacts> out = new ArrayList<>();
    for (SqlStatement s : migration.statements()) {
      boolean inTransaction = migration.runInTransaction() || walker.explicitOpen;
      out.add(
          new StatementFacts(
              inTransaction,
              walker.explicitOpen,
              walker.localLockTimeout.or(() -> walker.sessionLockTimeout).orElse(false),
              walker.localStatementTimeout.or(() -> walker.sessionStatementTimeout).orElse(false),
              walker.accessExclusiveHeldOn));
      walker.apply(s.change(), inTransaction);
    }
    return List.copyOf(out);
  }

  private void apply(Change change, boolean inTransaction) {
    if (change instanceof Change.Transaction tx) {
      switch (tx.kind()) {
        case BEGIN -> explicitOpen = true;
        case COMMIT, ROLLBACK, PREPARE -> endTransaction();
        default -> {
          // savepoints neither open nor close the transaction
        }
      }
      return;
    }
    if (change instanceof Change.SetParameter set) {
      applySet(set, inTransaction);
      return;
    }
    if (!inTransaction) {
      return; // autocommit: every lock is released when the statement ends
    }
    if (accessExclusiveHeldOn.isEmpty()) {
      for (PredictedLock lock : engine.predictLocks(change, version)) {
        if (lock.mode() == LockMode.ACCESS_EXCLUSIVE && !isNewTable.test(lock.relation())) {
          accessExclusiveHeldOn = Optional.of(lock.relation());
          break;
        }
      }
    }
  }

  private void endTransaction() {
    explicitOpen = false;
    localLockTimeout = Optional.empty();
    localStatementTimeout = Optional.empty();
    accessExclusiveHeldOn = Optional.empty();
  }

  private void applySet(Change.SetParameter set, boolean inTransaction) {
    String name = set.name().trim().toLowerCase(Locale.ROOT);
    // RESET and SET ... TO DEFAULT give the server default, which is 0 (no timeout) for both
    // settings.
    Optional<Boolean> value =
        Optional.of(set.value().map(TransactionFacts::isNonZero).orElse(false));
    // SET LOCAL outside a transaction block has no effect (PostgreSQL only warns).
    if (set.local() && !inTransaction) {
      return;
    }
    switch (name) {
      case "lock_timeout" -> {
        if (set.local()) {
          localLockTimeout = value;
        } else {
          sessionLockTimeout = value;
        }
      }
      case "statement_timeout" -> {
        if (set.local()) {
          localStatementTimeout = value;
        } else {
          sessionStatementTimeout = value;
        }
      }
      default -> {
        // other parameters do not concern the facts
      }
    }
  }

  /** {@code '2s'}, {@code 2000}, {@code '1min'} are non-zero; {@code 0}, {@code '0ms'}, {@code DEFAULT} are not. */
  static boolean isNonZero(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT).replace("'", "").replace("\"", "").trim();
    if (v.equals("default") || v.isEmpty()) {
      return false;
    }
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      return true; // an unusual spelling was still an intent to set a limit; the server validates
      // it
    }
    return Double.parseDouble(m.group(1)) != 0.0;
  }
}
