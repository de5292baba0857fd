package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter;
import dev.schemawarden.analyzers.internal.mysql.MysqlClassifier;
import dev.schemawarden.analyzers.internal.mysql.MysqlFlavor;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl;
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the MY rules ask about a statement and the session before it; one place, so they agree. */
public final class MysqlFacts {

  /** MySQL's default {@code lock_wait_timeout}: one year, i.e. no timeout at all. */
  static final long DEFAULT_LOCK_WAIT_TIMEOUT = 31_536_000L;

  private MysqlFacts() {}

  /** A rule for MySQL and MariaDB that concerns every server version (versions are judged inside). */
  static RuleMeta meta(
      String id,
      String slug,
      String title,
      Severity severity,
      String condition,
      String effect,
      String workaround) {
    return Metas.on(
        Set.of("mysql", "mariadb"), id, slug, title, severity, condition, effect, workaround);
  }

  static MysqlFlavor flavor(RuleContext ctx) {
    return MysqlFlavor.of(ctx.engine());
  }

  static String server(RuleContext ctx) {
    return (flavor(ctx) == MysqlFlavor.MARIADB ? "MariaDB " : "MySQL ") + ctx.serverVersion();
  }

  /** The ALTER (or CREATE INDEX) {@code s} is, when it acts on a table that existed before this change. */
  static Optional<MysqlAlter> alterOfExisting(RuleContext ctx, Migration m, SqlStatement s) {
    if (!(s.change() instanceof Change.AlterTable) && !(s.change() instanceof Change.CreateIndex)) {
      return Optional.empty();
    }
    return MysqlClassifier.alter(s.sql()).filter(a -> !Earlier.newTable(ctx, m, s, a.table()));
  }

  /** The verdict for {@code alter} at {@code s}, with the session's foreign_key_checks before it. */
  static Optional<MysqlOnlineDdl.Verdict> predict(
      RuleContext ctx, Migration m, SqlStatement s, MysqlAlter alter) {
    return MysqlOnlineDdl.predict(
        flavor(ctx), ctx.serverVersion(), alter, foreignKeyChecksOff(m, s));
  }

  /** The last value an earlier {@code SET} of this migration gave {@code variable}, as written. */
  static Optional<String> lastSet(Migration m, SqlStatement before, String variable) {
    Optional<String> value = Optional.empty();
    for (SqlStatement s : m.statements()) {
      if (s.index() >= before.index()) {
        break;
      }
      if (s.change() instanceof Change.SetParameter) {
        Map<String, String> all = MysqlClassifier.assignments(s.sql());
        if (all.containsKey(variable)) {
          value = Optional.of(all.get(variable).toLowerCase(Locale.ROOT).replace("'", ""));
        }
      }
    }
    return value;
  }

  public static boolean foreignKeyChecksOff(Migration m, SqlStatement s) {
    return lastSet(m, s, "foreign_key_checks")
        .filter(v -> v.equals("0") || v.equals("off"))
        .isPresent();
  }

  /** A {@code lock_wait_timeout} below MySQL's one-year default ran earlier in the migration. */
  static boolean lockWaitTimeoutSet(Migration m, SqlStatement s) {
    return lastSet(m, s, "lock_wait_timeout")
        .map(MysqlFacts::seconds)
        .filter(v -> v > 0 && v < DEFAULT_LOCK_WAIT_TIMEOUT)
        .isPresent();
  }

  private static long seconds(String v) {
    try {
      return (long) Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** True for a statement that changes the schema: MySQL commits before and after it (implicit commit). */
  static boolean isDdl(Change c) {
    return c instanceof Change.CreateTable
        || c instanceof Change.AlterTable
        || c instanceof Change.CreateIndex
        || c instanceof Change.Drop
        || c instanceof Change.Rename
        || c instanceof Change.CreateView
        || c instanceof Change.Truncate
        || (c instanceof Change.Other o
            && (o.keywords().startsWith("CREATE ")
                || o.keywords().startsWith("ALTER ")
                || o.keywords().startsWith("DROP ")));
  }
}
