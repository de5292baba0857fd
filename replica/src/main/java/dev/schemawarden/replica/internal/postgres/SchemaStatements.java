package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.replica.api.SchemaSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template is built from, read as text and never trusted: the statements the unprivileged builder runs, and
 * the names (roles, extensions) the superuser prepares beforehand. Statements that only a superuser could run and
 * that do not change the schema a trace sees (ownership, role DDL, role membership, psql meta-commands) are left
 * out; the superuser never runs text from the source, only {@code CREATE ROLE}/{@code CREATE EXTENSION} by name.
 */
final class SchemaStatements {
  private static final String IDENT = "(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
  private static final Pattern OWNER_TO =
      Pattern.compile(
          "^ALTER\\b.*\\bOWNER\\s+TO\\s+" + IDENT + "\\s*;?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ROLE_DDL =
      Pattern.compile(
          "^(CREATE|ALTER|DROP)\\s+(ROLE|USER|GROUP)\\b(?!\\s+MAPPING)", Pattern.CASE_INSENSITIVE);

  /** {@code GRANT role TO role} / {@code REVOKE role FROM role}: a grant with no {@code ON} is a membership. */
  private static final Pattern PRIVILEGE_GRANT =
      Pattern.compile("^(GRANT|REVOKE)\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern ON = Pattern.compile("\\bON\\b", Pattern.CASE_INSENSITIVE);

  /**
   * Privileges on, and settings of, production's database by its name ({@code GRANT CONNECT ON DATABASE app TO r},
   * {@code ALTER DATABASE app SET ...}): the replica's database has another name, and neither changes the schema.
   */
  private static final Pattern DATABASE_LEVEL =
      Pattern.compile(
          "^(?:(?:GRANT|REVOKE)\\b.*?\\bON\\s+DATABASE\\b|ALTER\\s+DATABASE\\b)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern CREATE_ROLE =
      Pattern.compile("^CREATE\\s+(?:ROLE|USER|GROUP)\\s+" + IDENT, Pattern.CASE_INSENSITIVE);
  private static final Pattern GRANTEES =
      Pattern.compile(
          "^(?:GRANT|REVOKE)\\b.*?\\b(?:TO|FROM)\\s+(.+?)(?:\\s+WITH\\s+GRANT\\s+OPTION|\\s+GRANTED\\s+BY.*|\\s+CASCADE"
              + "|\\s+RESTRICT)?\\s*;?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "\\b(?:AUTHORIZATION|FOR\\s+(?:ROLE|USER))\\s+" + IDENT, Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATE_EXTENSION =
      Pattern.compile(
          "^CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT, Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMENT_ON_EXTENSION =
      Pattern.compile("^COMMENT\\s+ON\\s+EXTENSION\\s+" + IDENT, Pattern.CASE_INSENSITIVE);

  /**
   * Schemas of extensions whose functions schedule jobs or send requests and never change the schema
   * ({@code SELECT cron.schedule(...)}): when the extension cannot be installed on the replica its CREATE EXTENSION is
   * left out, and so are top-level calls into its schema, which would fail for want of it.
   */
  private static final Map<String, String> NO_SCHEMA_EFFECT_EXTENSIONS =
      Map.of("cron", "pg_cron", "net", "pg_net");

  private static final Pattern EXTENSION_CALL =
      Pattern.compile("^SELECT\\s+(\\w+)\\.\\w+\\s*\\(", Pattern.CASE_INSENSITIVE);
  private static final Set<String> PSEUDO_ROLES =
      Set.of("public", "current_user", "session_user", "current_role");

  /** At most this many production roles are created for one schema: role names are cluster-wide. */
  static final int MAX_ROLES = 500;

  private SchemaStatements() {}

  /** The statements of a dump, split with the one PostgreSQL scanner; meta-commands dropped. */
  static List<String> dumpStatements(String sql) {
    List<String> out = new ArrayList<>();
    for (SqlStatement s :
        Engines.forName("postgres").parser().parse("dump.sql", sql).statements()) {
      if (!(s.change() instanceof Change.MetaCommand)) {
        out.add(s.sql());
      }
    }
    return out;
  }

  /** Every statement of {@code schema}, in order, before {@link #leftOut} filtering (for name discovery). */
  static List<String> all(SchemaSource schema) {
    if (schema instanceof SchemaSource.SqlDump d) {
      return dumpStatements(d.sql());
    }
    if (schema instanceof SchemaSource.Snapshot s) {
      return s.statements();
    }
    List<String> out = new ArrayList<>();
    for (Migration m : ((SchemaSource.MigrationHistory) schema).migrations()) {
      m.statements().forEach(s -> out.add(s.sql()));
    }
    return out;
  }

  /**
   * True for a statement the builder skips: ownership and role statements (everything is handed to the sandbox's
   * owner role anyway), privileges on and settings of production's database by name, extensions that are neither
   * trusted nor installed beforehand, calls into such an extension when it has no schema effect ({@code pg_cron},
   * {@code pg_net}), and extension comments.
   */
  static boolean leftOut(String sql, Set<String> installable) {
    String s = withoutLeadingComments(sql);
    if (s.startsWith("\\")
        || OWNER_TO.matcher(s).matches()
        || ROLE_DDL.matcher(s).find()
        || DATABASE_LEVEL.matcher(s).find()) {
      return true;
    }
    if (PRIVILEGE_GRANT.matcher(s).find() && !ON.matcher(s).find()) {
      return true;
    }
    Matcher ext = CREATE_EXTENSION.matcher(s);
    if (ext.find()) {
      return !installable.contains(name(ext.group(1)));
    }
    Matcher call = EXTENSION_CALL.matcher(s);
    if (call.find()) {
      String extension = NO_SCHEMA_EFFECT_EXTENSIONS.get(call.group(1).toLowerCase(Locale.ROOT));
      if (extension != null && !installable.contains(extension)) {
        return true;
      }
    }
    // An extension's comment is its owner's to set, and the superuser owns those it installed; no
    // trace reads it.
    return COMMENT_ON_EXTENSION.matcher(s).find();
  }

  /** Role names the statements own with, grant to, create, or name as an authorization: created NOLOGIN beforehand. */
  static Set<String> roles(List<String> statements) {
    Set<String> roles = new LinkedHashSet<>();
    for (String sql : statements) {
      String s = withoutLeadingComments(sql);
      Matcher owner = OWNER_TO.matcher(s);
      if (owner.matches()) {
        roles.add(
            name(
                owner.group(
                    1))); // production's owners exist on the replica, as they do in production
      }
      Matcher create = CREATE_ROLE.matcher(s);
      if (create.find()) {
        roles.add(name(create.group(1)));
      }
      Matcher auth = AUTHORIZATION.matcher(s);
      while (auth.find()) {
        roles.add(name(auth.group(1)));
      }
      if (s.regionMatches(true, 0, "GRANT", 0, 5) || s.regionMatches(true, 0, "REVOKE", 0, 6)) {
        Matcher g = GRANTEES.matcher(s);
        if (g.matches()) {
          for (String part : g.group(1).split(",")) {
            String role = part.trim().replaceFirst("(?i)^GROUP\\s+", "");
            if (role.matches(IDENT)) {
              roles.add(name(role));
            }
          }
        }
      }
      if (roles.size() > MAX_ROLES) {
        break;
      }
    }
    roles.removeIf(r -> PSEUDO_ROLES.contains(r) || r.startsWith("pg_") || r.startsWith("warden_"));
    return roles;
  }

  /** Extension names the statements create. */
  static Set<String> extensions(List<String> statements) {
    Set<String> names = new LinkedHashSet<>();
    for (String sql : statements) {
      Matcher m = CREATE_EXTENSION.matcher(withoutLeadingComments(sql));
      if (m.find()) {
        names.add(name(m.group(1)));
      }
    }
    return names;
  }

  /** The statement from its first token on: the patterns above are anchored there. */
  static String withoutLeadingComments(String sql) {
    String s = sql.strip();
    while (true) {
      if (s.startsWith("--")) {
        int nl = s.indexOf('\n');
        s = nl < 0 ? "" : s.substring(nl + 1).strip();
      } else if (s.startsWith("/*")) {
        int end = s.indexOf("*/");
        s = end < 0 ? "" : s.substring(end + 2).strip();
      } else {
        return s;
      }
    }
  }

  /** An identifier as PostgreSQL stores it: quoted kept as written, unquoted folded to lower case. */
  static String name(String ident) {
    return ident.startsWith("\"")
        ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"")
        : ident.toLowerCase(Locale.ROOT);
  }

  /** {@code name} quoted as an identifier, whatever it contains. */
  static String quote(String name) {
    return Identifiers.quote(name);
  }
}
