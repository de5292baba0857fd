package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter;
import dev.schemawarden.analyzers.internal.mysql.MysqlClassifier;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Algorithm;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Lock;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MY101: an ALTER on an existing table that copies it ({@code ALGORITHM=COPY}) or keeps writes out while it works
 * ({@code LOCK=SHARED} or stronger), for the configured server version.
 */
public final class AlterBlocksWrites implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY101",
          "mysql-alter-blocks-writes",
          "ALTER copies the table or blocks writes while it runs",
          Severity.ERROR,
          "An ALTER TABLE or CREATE INDEX on an existing table needs ALGORITHM=COPY, or an in-place algorithm with"
              + " LOCK=SHARED or EXCLUSIVE, on the configured server version (or asks for them).",
          "Writes to the table wait until every row has been copied or the index is built: minutes to hours on a large"
              + " table, and the replicas lag behind by as long again.",
          "Use the INSTANT or INPLACE form the server supports (e.g. SET foreign_key_checks=0 before adding a foreign"
              + " key), or run the change with an online schema-change tool (gh-ost, pt-online-schema-change).");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return MysqlClassifier.alter(statement.sql())
        .map(a -> Concerns.rewrite(a.table().toString()))
        .orElse(META.id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      Optional<MysqlAlter> alter = MysqlFacts.alterOfExisting(ctx, migration, s);
      if (alter.isEmpty()) {
        continue;
      }
      Optional<Verdict> predicted = MysqlFacts.predict(ctx, migration, s, alter.get());
      Algorithm asked =
          alter.get().algorithm().flatMap(AlterBlocksWrites::algorithm).orElse(Algorithm.INSTANT);
      Lock askedLock = alter.get().lock().flatMap(AlterBlocksWrites::lock).orElse(Lock.NONE);
      if (predicted.isEmpty() && asked != Algorithm.COPY && askedLock == Lock.NONE) {
        continue;
      }
      Verdict v = predicted.orElse(new Verdict(Algorithm.INSTANT, Lock.NONE, false, ""));
      boolean forced =
          asked == Algorithm.COPY && v.algorithm() != Algorithm.COPY
              || askedLock.compareTo(v.lock()) > 0;
      Algorithm algorithm = asked.compareTo(v.algorithm()) > 0 ? asked : v.algorithm();
      Lock lock = askedLock.compareTo(v.lock()) > 0 ? askedLock : v.lock();
      if (algorithm != Algorithm.COPY && lock == Lock.NONE) {
        continue;
      }
      String table = alter.get().table().toString();
      String why =
          forced
              ? "the statement asks for ALGORITHM=" + algorithm + ", LOCK=" + lock
              : v.why() + " on " + MysqlFacts.server(ctx);
      ctx.report(
          s,
          "`"
              + table
              + "` gets ALGORITHM="
              + algorithm
              + " with LOCK="
              + lock
              + ": writes to it wait until the ALTER finishes ("
              + why
              + ")",
          fixes(ctx, migration, s, alter.get()));
    }
  }

  private static List<Fix> fixes(RuleContext ctx, Migration m, SqlStatement s, MysqlAlter alter) {
    List<Fix> out = new ArrayList<>();
    boolean addsForeignKey =
        alter.clauses().stream().anyMatch(c -> c.op() == MysqlAlter.Op.ADD_FOREIGN_KEY);
    if (addsForeignKey && !MysqlFacts.foreignKeyChecksOff(m, s)) {
      Optional<Verdict> without =
          MysqlOnlineDdl.predict(MysqlFacts.flavor(ctx), ctx.serverVersion(), alter, true);
      if (without
          .filter(v -> v.algorithm() != Algorithm.COPY && v.lock() == Lock.NONE)
          .isPresent()) {
        out.add(
            Fix.replacement(
                "Add the foreign key in place, without checking the rows (check them with a query"
                    + " first: orphans are not reported later).",
                "SET SESSION foreign_key_checks = 0;\n"
                    + s.sql().strip()
                    + ";\nSET SESSION foreign_key_checks = 1;"));
      }
    }
    String alterText =
        s.sql()
            .strip()
            .replaceFirst("(?is)^alter\\s+table\\s+\\S+\\s+", "")
            .replaceFirst(
                "(?is)^create\\s+((?:unique|fulltext|spatial)\\s+)?index\\s+(\\S+)\\s+on\\s+\\S+\\s*",
                "ADD $1INDEX $2 ")
            .replace("\"", "\\\"");
    String table = alter.table().name();
    out.add(
        Fix.advice(
            "Run it with an online schema-change tool: it copies the table in the background and swaps it"
                + " in with a short metadata lock.",
            "-- gh-ost --table="
                + table
                + " --alter=\""
                + alterText
                + "\" --execute\n"
                + "-- or: pt-online-schema-change --alter \""
                + alterText
                + "\" D=<database>,t="
                + table
                + " --execute"));
    return out;
  }

  static Optional<Algorithm> algorithm(String written) {
    try {
      return written.equals("DEFAULT")
          ? Optional.empty()
          : Optional.of(Algorithm.valueOf(written.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<Lock> lock(String written) {
    try {
      return written.equals("DEFAULT")
          ? Optional.empty()
          : Optional.of(Lock.valueOf(written.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
