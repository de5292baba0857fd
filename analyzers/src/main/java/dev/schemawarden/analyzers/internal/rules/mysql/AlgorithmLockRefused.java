package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter;
import dev.schemawarden.analyzers.internal.mysql.MysqlClassifier;
import dev.schemawarden.analyzers.internal.mysql.MysqlFlavor;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Algorithm;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Lock;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * MY105: an {@code ALGORITHM=} or {@code LOCK=} clause the server refuses for this ALTER on this version
 * ({@code ER_ALTER_OPERATION_NOT_SUPPORTED}): the migration fails, and with MySQL's non-atomic DDL, half applied.
 */
public final class AlgorithmLockRefused implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY105",
          "mysql-algorithm-lock-refused",
          "ALGORITHM= or LOCK= clause the server will refuse",
          Severity.ERROR,
          "An ALTER TABLE or CREATE INDEX asks for an ALGORITHM cheaper than the operation supports on the configured"
              + " version (INSTANT for an index, INPLACE for a type change), a LOCK weaker than it needs, NOCOPY on"
              + " MySQL, or on MySQL a LOCK other than DEFAULT with ALGORITHM=INSTANT.",
          "The server refuses the statement (ERROR 1846, ER_ALTER_OPERATION_NOT_SUPPORTED_REASON). That is the point of"
              + " the clause, but it surfaces in production: the deployment fails, and earlier DDL of the migration"
              + " stays applied.",
          "Ask for what the server supports (the message names it), or run the change with gh-ost or"
              + " pt-online-schema-change when only COPY works.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (!(s.change() instanceof dev.schemawarden.analyzers.api.Change.AlterTable)
          && !(s.change() instanceof dev.schemawarden.analyzers.api.Change.CreateIndex)) {
        continue;
      }
      Optional<MysqlAlter> alter = MysqlClassifier.alter(s.sql());
      if (alter.isEmpty() || (alter.get().algorithm().isEmpty() && alter.get().lock().isEmpty())) {
        continue;
      }
      boolean mysql = MysqlFacts.flavor(ctx) == MysqlFlavor.MYSQL;
      Optional<String> algorithmWritten = alter.get().algorithm().filter(a -> !a.equals("DEFAULT"));
      Optional<String> lockWritten = alter.get().lock().filter(l -> !l.equals("DEFAULT"));
      Verdict v =
          MysqlFacts.predict(ctx, migration, s, alter.get())
              .orElse(new Verdict(Algorithm.INSTANT, Lock.NONE, false, "nothing to change"));
      Algorithm needed =
          mysql && v.algorithm() == Algorithm.NOCOPY ? Algorithm.INPLACE : v.algorithm();
      String problem = null;
      if (algorithmWritten.isPresent()) {
        Optional<Algorithm> asked = AlterBlocksWrites.algorithm(algorithmWritten.get());
        if (asked.isEmpty() || (mysql && asked.get() == Algorithm.NOCOPY)) {
          problem =
              "ALGORITHM="
                  + algorithmWritten.get()
                  + " does not exist on "
                  + MysqlFacts.server(ctx);
        } else if (asked.get().compareTo(needed) < 0) {
          problem =
              "ALGORITHM="
                  + asked.get()
                  + " is refused: "
                  + v.why()
                  + ", which needs at least ALGORITHM="
                  + needed;
        } else if (mysql && asked.get() == Algorithm.INSTANT && lockWritten.isPresent()) {
          problem =
              "MySQL accepts only LOCK=DEFAULT with ALGORITHM=INSTANT, not LOCK="
                  + lockWritten.get();
        }
      }
      if (problem == null && lockWritten.isPresent()) {
        Optional<Lock> lock = AlterBlocksWrites.lock(lockWritten.get());
        if (lock.isEmpty()) {
          problem = "LOCK=" + lockWritten.get() + " does not exist";
        } else if (lock.get().compareTo(v.lock()) < 0) {
          problem =
              "LOCK="
                  + lock.get()
                  + " is refused: "
                  + v.why()
                  + ", which needs LOCK="
                  + v.lock()
                  + " or stronger";
        }
      }
      if (problem != null) {
        String supported =
            "ALGORITHM="
                + needed
                + (mysql && needed == Algorithm.INSTANT ? "" : ", LOCK=" + v.lock());
        String fixed =
            s.sql().strip().replaceAll("(?i)\\s*,?\\s*\\b(algorithm|lock)\\s*=?\\s*\\w+", "");
        String sep =
            s.change() instanceof dev.schemawarden.analyzers.api.Change.CreateIndex ? " " : ", ";
        ctx.report(
            s,
            problem
                + " on "
                + MysqlFacts.server(ctx)
                + " for `"
                + alter.get().table()
                + "`: the statement fails; the cheapest it supports is "
                + supported,
            List.of(
                Fix.replacement(
                    "Ask for what the server supports: it refuses anything cheaper.",
                    fixed + sep + supported + ";")));
      }
    }
  }
}
