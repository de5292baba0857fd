package dev.schemawarden.analyzers.internal.mysql;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Knows what an escape from the MySQL/MariaDB sandbox looks like, twice, like {@code PostgresSandboxGuard}: a text
 * filter refuses server-level and file statements before they run (an early, friendly message; a false positive is
 * refused and reported, never silently run), and {@link #refusedByServer} recognises the privilege errors the
 * sandbox user gets, which is what decides: the filter is easy to get around with {@code PREPARE} from a string.
 */
public final class MysqlSandboxGuard {

  private record Rule(Pattern pattern, String why) {}

  private static final List<Rule> RULES =
      List.of(
          rule(
              "\\bINTO\\s+(OUTFILE|DUMPFILE)\\b",
              "SELECT ... INTO OUTFILE/DUMPFILE writes a file on the server"),
          rule(
              "\\bLOAD\\s+(DATA|XML)\\b",
              "LOAD DATA/XML reads a file on the server or on the reviewing machine"),
          rule("\\bLOAD_FILE\\s*\\(", "LOAD_FILE reads a file on the server"),
          rule(
              "\\bSET\\s+(GLOBAL\\b|PERSIST\\b|PERSIST_ONLY\\b|@@(GLOBAL|PERSIST))|@@GLOBAL\\.",
              "SET GLOBAL changes the server's configuration for every database"),
          rule(
              "\\b(CREATE|ALTER|DROP|RENAME)\\s+(USER|ROLE)\\b", "users and roles are server-wide"),
          rule("\\b(GRANT|REVOKE)\\b", "grants are server-wide"),
          rule(
              "\\bSET\\s+(DEFAULT\\s+)?(ROLE|PASSWORD)\\b",
              "changing roles or passwords escapes the sandbox"),
          rule(
              "`?\\b(mysql|performance_schema|sys)`?\\s*\\.",
              "the server's own schemas hold its users and secrets"),
          rule(
              "\\b(CREATE|DROP|ALTER)\\s+(DATABASE|SCHEMA|SERVER|TABLESPACE|EVENT)\\b",
              "databases, servers, tablespaces and events are server-level"),
          rule(
              "\\b(INSTALL|UNINSTALL)\\s+(PLUGIN|SONAME|COMPONENT)\\b",
              "plugins load code into the server"),
          rule(
              "\\b(SHUTDOWN|KILL)\\b",
              "SHUTDOWN and KILL act on the server and its other sessions"),
          rule(
              "\\b(CHANGE\\s+(MASTER|REPLICATION)|START\\s+(SLAVE|REPLICA)|STOP\\s+(SLAVE|REPLICA)|RESET\\s+(MASTER"
                  + "|SLAVE|REPLICA))\\b",
              "replication commands act on the server"),
          rule("^\\s*(FLUSH|PURGE)\\b", "FLUSH and PURGE act on the whole server"),
          rule("^\\s*USE\\b", "USE switches to another database"),
          rule("\\bDEFINER\\s*=", "a DEFINER runs the object with another user's privileges"));

  /**
   * The server's error codes for a privilege the sandbox user lacks on purpose: 1044 database, 1045 FILE, 1142/1143
   * table and column of another schema, 1227 SUPER/CREATE USER/..., 1148 and 4166 LOAD DATA LOCAL, 1370 routine,
   * 1211 create user, 1410 grant. Ordinary failures (a missing column) are not here: they are a TR101.
   */
  private static final Set<Integer> REFUSED =
      Set.of(1044, 1045, 1142, 1143, 1227, 1148, 4166, 1370, 1211, 1410);

  private static final Pattern REFUSED_MESSAGE =
      Pattern.compile(
          "access denied|command denied|LOCAL INFILE|local_infile|privilege",
          Pattern.CASE_INSENSITIVE);

  /** The server's timeouts: 1969 max_statement_time (MariaDB), 3024 max_execution_time (MySQL), 1317 KILL QUERY. */
  private static final Set<Integer> TIMED_OUT = Set.of(1969, 3024, 1317);

  private static final Pattern TIMED_OUT_MESSAGE =
      Pattern.compile(
          "max_statement_time|max_execution_time|interrupted", Pattern.CASE_INSENSITIVE);

  private MysqlSandboxGuard() {}

  private static Rule rule(String regex, String why) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), why);
  }

  /** Why {@code sql} is refused before it runs, or empty. Comments are gone; strings are kept (dynamic SQL). */
  public static Optional<String> refusal(String sql) {
    StringBuilder b = new StringBuilder();
    for (dev.schemawarden.analyzers.internal.sql.Token t : MysqlLexer.tokens(sql)) {
      b.append(sql, t.start(), t.end()).append(' ');
    }
    String text = b.toString();
    for (Rule r : RULES) {
      if (r.pattern().matcher(text).find()) {
        return Optional.of("refused before it ran: " + r.why());
      }
    }
    return Optional.empty();
  }

  /** The server refused the statement for a privilege the sandbox user lacks on purpose. */
  public static boolean refusedByServer(int errorCode, String message) {
    return REFUSED.contains(errorCode) || errorCode == 0 && REFUSED_MESSAGE.matcher(message).find();
  }

  /** The statement budget stopped it. */
  public static boolean timedOut(int errorCode, String message) {
    return TIMED_OUT.contains(errorCode)
        || errorCode == 0 && TIMED_OUT_MESSAGE.matcher(message).find();
  }
}
