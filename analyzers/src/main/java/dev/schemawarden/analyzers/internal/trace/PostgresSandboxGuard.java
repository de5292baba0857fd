package dev.schemawarden.analyzers.internal.trace;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses server-level and escape statements before they reach the replica. The sandbox role could not run most
 * of them anyway (it is no superuser); refusing first turns "permission denied" into a clear report and keeps a
 * misconfigured replica safe. Matching is on text with comments removed but strings kept, so dynamic SQL inside
 * {@code DO} bodies is caught too; a false positive is refused and reported, never silently run.
 */
public final class PostgresSandboxGuard {

  /** Extensions PostgreSQL 13+ marks trusted, plus plpgsql: a database owner may create them. */
  public static final Set<String> TRUSTED_EXTENSIONS = Set.of(
      "plpgsql", "btree_gin", "btree_gist", "citext", "cube", "dict_int", "fuzzystrmatch", "hstore", "intarray",
      "isn", "lo", "ltree", "pgcrypto", "pg_trgm", "seg", "tablefunc", "tcn", "tsm_system_rows", "tsm_system_time",
      "unaccent", "uuid-ossp", "bloom", "earthdistance");

  private record Rule(Pattern pattern, String why) {}

  private static final List<Rule> RULES = List.of(
      rule("\\bALTER SYSTEM\\b", "ALTER SYSTEM changes the server's configuration"),
      rule("\\bCOPY\\b[^;]*?\\b(TO|FROM) (PROGRAM\\b|E?')",
          "COPY to or from a server file or program reaches outside the database"),
      rule("\\blo_(import|export)\\s*\\(", "lo_import/lo_export read or write server files"),
      rule("\\bdblink\\w*\\s*\\(", "dblink opens connections to other servers"),
      rule("\\bpg_(read_file|read_binary_file|ls_dir|stat_file|file_write|ls_logdir|ls_waldir|ls_tmpdir"
          + "|ls_archive_statusdir|terminate_backend|cancel_backend|reload_conf|rotate_logfile|promote)\\s*\\(",
          "server file and process functions reach outside the database"),
      rule("\\b(CREATE|ALTER|DROP) (ROLE|USER|GROUP)\\b(?! MAPPING)", "roles are server-wide objects"),
      rule("\\bREASSIGN OWNED\\b|\\bDROP OWNED\\b", "REASSIGN/DROP OWNED act on roles"),
      rule("\\bSET (SESSION |LOCAL )?(ROLE|SESSION AUTHORIZATION)\\b", "changing the session's role escapes the sandbox"),
      rule("^LOAD\\b", "LOAD loads a shared library into the server"),
      rule("\\b(CREATE|DROP|ALTER) DATABASE\\b", "databases are server-level objects"),
      rule("\\b(CREATE|DROP|ALTER) TABLESPACE\\b", "tablespaces are server-level objects"),
      rule("\\bCREATE (FOREIGN DATA WRAPPER|SERVER|USER MAPPING)\\b", "foreign servers open outside connections"),
      rule("\\b(CREATE|ALTER|DROP) (EVENT TRIGGER|SUBSCRIPTION|PUBLICATION)\\b",
          "event triggers and replication objects are server-level"),
      rule("\\bLANGUAGE '?(c|internal|plpython3?u|plperlu|pltclu)'?(\\b|$)",
          "untrusted languages run code on the server"));

  private static final Pattern CREATE_EXTENSION =
      Pattern.compile("\\bCREATE EXTENSION (IF NOT EXISTS )?\"?([\\w-]+)\"?", Pattern.CASE_INSENSITIVE);

  private PostgresSandboxGuard() {}

  private static Rule rule(String regex, String why) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), why);
  }

  /** Why {@code sql} is refused, or empty when it may run on the replica. */
  public static Optional<String> refusal(String sql) {
    String text = SqlText.withoutComments(sql);
    for (Rule r : RULES) {
      if (r.pattern().matcher(text).find()) {
        return Optional.of("refused by the replica sandbox: " + r.why());
      }
    }
    Matcher m = CREATE_EXTENSION.matcher(text);
    while (m.find()) {
      String ext = m.group(2).toLowerCase(Locale.ROOT);
      if (!TRUSTED_EXTENSIONS.contains(ext)) {
        return Optional.of("refused by the replica sandbox: extension '" + ext
            + "' is not on the trusted allow-list " + TRUSTED_EXTENSIONS.stream().sorted().toList());
      }
    }
    return Optional.empty();
  }
}
