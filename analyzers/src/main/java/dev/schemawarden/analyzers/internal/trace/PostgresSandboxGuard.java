package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.internal.postgres.PostgresLexer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knows what an escape from the replica sandbox looks like, twice. {@link #refusal} refuses server-level and escape
 * statements before they reach the replica: an early, friendly message (matching is on text with comments removed
 * but strings kept, so plain dynamic SQL inside {@code DO} bodies is caught too; a false positive is refused and
 * reported, never silently run). The text filter is easy to get around ({@code 'CO' || 'PY'}), so what decides is
 * PostgreSQL: {@link #refusedByServer} recognises the privilege errors the sandbox role gets when a statement tried
 * to reach outside its database. Both end as TR108 at ERROR; neither is ever reported lower.
 */
public final class PostgresSandboxGuard {

  /** Extensions PostgreSQL 13+ marks trusted, plus plpgsql: a database owner may create them. */
  public static final Set<String> TRUSTED_EXTENSIONS =
      Set.of(
          "plpgsql",
          "btree_gin",
          "btree_gist",
          "citext",
          "cube",
          "dict_int",
          "fuzzystrmatch",
          "hstore",
          "intarray",
          "isn",
          "lo",
          "ltree",
          "pgcrypto",
          "pg_trgm",
          "seg",
          "tablefunc",
          "tcn",
          "tsm_system_rows",
          "tsm_system_time",
          "unaccent",
          "uuid-ossp",
          "bloom",
          "earthdistance");

  private record Rule(Pattern pattern, String why) {}

  private static final List<Rule> RULES =
      List.of(
          rule("\\bALTER SYSTEM\\b", "ALTER SYSTEM changes the server's configuration"),
          rule(
              "\\bCOPY\\b[^;]*?\\b(TO|FROM) (PROGRAM\\b|E?')",
              "COPY to or from a server file or program reaches outside the database"),
          rule("\\blo_(import|export)\\s*\\(", "lo_import/lo_export read or write server files"),
          rule("\\bdblink\\w*\\s*\\(", "dblink opens connections to other servers"),
          rule(
              "\\bpg_(read_file|read_binary_file|ls_dir|stat_file|file_write|ls_logdir|ls_waldir|ls_tmpdir"
                  + "|ls_archive_statusdir|terminate_backend|cancel_backend|reload_conf|rotate_logfile|promote)\\s*\\(",
              "server file and process functions reach outside the database"),
          rule(
              "\\b(CREATE|ALTER|DROP) (ROLE|USER|GROUP)\\b(?! MAPPING)",
              "roles are server-wide objects"),
          rule("\\bREASSIGN OWNED\\b|\\bDROP OWNED\\b", "REASSIGN/DROP OWNED act on roles"),
          rule(
              "\\bSET (SESSION |LOCAL )?(ROLE|SESSION AUTHORIZATION)\\b",
              "changing the session's role escapes the sandbox"),
          rule("^LOAD\\b", "LOAD loads a shared library into the server"),
          rule("\\b(CREATE|DROP|ALTER) DATABASE\\b", "databases are server-level objects"),
          rule("\\b(CREATE|DROP|ALTER) TABLESPACE\\b", "tablespaces are server-level objects"),
          rule(
              "\\bCREATE (FOREIGN DATA WRAPPER|SERVER|USER MAPPING)\\b",
              "foreign servers open outside connections"),
          rule(
              "\\b(CREATE|ALTER|DROP) (EVENT TRIGGER|SUBSCRIPTION|PUBLICATION)\\b",
              "event triggers and replication objects are server-level"),
          rule(
              "\\bLANGUAGE '?(c|internal|plpython3?u|plperlu|pltclu)'?(\\b|$)",
              "untrusted languages run code on the server"));

  /**
   * PostgreSQL's messages (13 to 17) for privileges only a superuser or a server-level predefined role has. An
   * ordinary grant problem ("permission denied for table orders", "must be owner of table orders") is not here: it
   * is production's grants, a TR101.
   */
  private static final Pattern ESCAPE_MESSAGE =
      Pattern.compile(
          "superuser|pg_execute_server_program|pg_read_server_files|pg_write_server_files|pg_signal_backend"
              + "|external program|server file|access to library"
              + "|permission denied to (copy|set (parameter|role|session authorization)|create (extension|role|database"
              + "|tablespace|event trigger|subscription|publication|foreign-data wrapper)|alter role|drop role"
              + "|terminate|cancel|examine|load)"
              + "|permission denied for (table pg_|language|foreign-data wrapper"
              + "|function (lo_(import|export)|dblink\\w*|pg_(read|ls|stat|file|reload|rotate|terminate|cancel|promote)\\w*))",
          Pattern.CASE_INSENSITIVE);

  /** insufficient_privilege: with an escape-shaped statement or message, the sandbox held against an escape. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private static final Pattern CREATE_EXTENSION =
      Pattern.compile(
          "\\bCREATE EXTENSION (IF NOT EXISTS )?\"?([\\w-]+)\"?", Pattern.CASE_INSENSITIVE);

  private PostgresSandboxGuard() {}

  private static Rule rule(String regex, String why) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), why);
  }

  /**
   * Whether PostgreSQL's error for {@code sql} means the statement tried to reach outside the sandbox, and if so
   * what to report: PostgreSQL's own message, so the finding says what it tried.
   */
  public static Optional<String> refusedByServer(String sql, String sqlState, String message) {
    boolean privilege = INSUFFICIENT_PRIVILEGE.equals(sqlState);
    boolean escapeMessage = ESCAPE_MESSAGE.matcher(message).find();
    if (privilege && (escapeMessage || refusal(sql).isPresent())) {
      return Optional.of(
          "PostgreSQL refused it in the replica sandbox: "
              + message
              + " (SQLSTATE "
              + sqlState
              + ")");
    }
    return Optional.empty();
  }

  /** Why {@code sql} is refused, or empty when it may run on the replica. */
  public static Optional<String> refusal(String sql) {
    String text = PostgresLexer.withoutComments(sql);
    for (Rule r : RULES) {
      if (r.pattern().matcher(text).find()) {
        return Optional.of("refused by the replica sandbox: " + r.why());
      }
    }
    Matcher m = CREATE_EXTENSION.matcher(text);
    while (m.find()) {
      String ext = m.group(2).toLowerCase(Locale.ROOT);
      if (!TRUSTED_EXTENSIONS.contains(ext)) {
        return Optional.of(
            "refused by the replica sandbox: extension '"
                + ext
                + "' is not on the trusted allow-list "
                + TRUSTED_EXTENSIONS.stream().sorted().toList());
      }
    }
    return Optional.empty();
  }
}
