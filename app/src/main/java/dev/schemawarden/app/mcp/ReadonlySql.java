package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The first of {@code run_readonly_query}'s three layers: the text must parse as exactly one {@code SELECT} (or an
 * {@code EXPLAIN} of one, without {@code ANALYZE}), with no data-changing statement anywhere inside it (a writable
 * CTE), no {@code INTO} or {@code FOR UPDATE}, and no function on the deny list. Anything the parser cannot read is
 * refused: the allow-list fails closed. The read-only transaction and the SELECT-only role stand behind it.
 */
final class ReadonlySql {
  /** Functions that act outside a read-only transaction's reach, or run SQL text of their own. */
  static final Set<String> DENIED =
      Set.of(
          "pg_terminate_backend",
          "pg_cancel_backend",
          "set_config",
          "nextval",
          "setval",
          "pg_read_file",
          "pg_read_binary_file",
          "pg_ls_dir",
          "pg_stat_file",
          "pg_reload_conf",
          "pg_rotate_logfile",
          "pg_switch_wal",
          "pg_notify",
          "query_to_xml",
          "query_to_xml_and_xmlschema",
          "query_to_xmlschema",
          "cursor_to_xml",
          "table_to_xml",
          "database_to_xml",
          "schema_to_xml",
          "txid_current",
          "pg_current_xact_id",
          "pg_logical_emit_message",
          "pg_create_restore_point");

  /** Whole families: dblink and postgres_fdw-style remote calls, large objects, advisory locks. */
  static final List<String> DENIED_PREFIXES =
      List.of("dblink", "lo_", "pg_advisory", "pg_try_advisory");

  private ReadonlySql() {}

  /** Returns the statement when it is allowed; otherwise throws the one-line reason. */
  static Statement check(String sql) {
    Statements parsed;
    try {
      parsed = CCJSqlParserUtil.parseStatements(sql);
    } catch (JSQLParserException | RuntimeException e) {
      throw refuse(
          "it is not one SELECT this gateway can read ("
              + firstLine(e)
              + "): only a plain SELECT or"
              + " EXPLAIN of one is run");
    }
    List<Statement> statements = parsed == null ? List.of() : parsed;
    if (statements.size() != 1) {
      throw refuse(
          "it holds "
              + statements.size()
              + " statements: send exactly one SELECT, without ';' and a"
              + " second statement");
    }
    Statement st = statements.get(0);
    Statement inner = st;
    if (st instanceof ExplainStatement explain) {
      if (explain.getOption(ExplainStatement.OptionType.ANALYZE) != null
          || explain
              .toString()
              .toUpperCase(Locale.ROOT)
              .matches("(?s)EXPLAIN\\s*(\\(.*\\))?\\s*ANALY[SZ]E.*")) {
        throw refuse("EXPLAIN ANALYZE runs the statement: use EXPLAIN without ANALYZE");
      }
      inner = explain.getStatement();
    }
    if (!(inner instanceof Select select)) {
      throw refuse(
          "it is "
              + kind(inner)
              + ", not a SELECT: run_readonly_query runs SELECT and EXPLAIN only");
    }
    Finder finder = new Finder();
    finder.getTablesOrOtherSources(select);
    if (!finder.problems.isEmpty()) {
      throw refuse(finder.problems.get(0));
    }
    if (select.getForMode() != null || select.getForClause() != null) {
      throw refuse("SELECT ... FOR UPDATE/SHARE takes row locks: drop the FOR clause");
    }
    return st;
  }

  private static String kind(Statement s) {
    if (s == null) {
      return "no statement";
    }
    String text = s.toString().strip();
    int space = text.indexOf(' ');
    return "a "
        + (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT)
        + " statement";
  }

  private static WardenException refuse(String why) {
    return new WardenException(
        ErrorCode.INPUT, WardenTools.QUERY + ": refused before it reached the database: " + why);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    return m.lines().findFirst().orElse("").strip();
  }

  /** Walks every expression and source of the statement, noting what may not run. */
  private static final class Finder extends TablesNamesFinder<Void> {
    final List<String> problems = new ArrayList<>();

    Finder() {
      init(true);
    }

    private void function(String name) {
      if (name == null) {
        return;
      }
      String n = name.toLowerCase(Locale.ROOT).replace("\"", "");
      String bare = n.substring(n.lastIndexOf('.') + 1);
      if (DENIED.contains(bare) || DENIED_PREFIXES.stream().anyMatch(bare::startsWith)) {
        problems.add("it calls " + bare + "(), which is on the deny list (docs/mcp.md)");
      }
    }

    @Override
    public <S> Void visit(Function f, S context) {
      function(f.getName());
      return super.visit(f, context);
    }

    @Override
    public <S> Void visit(TableFunction f, S context) {
      function(f.getFunction() == null ? null : f.getFunction().getName());
      return super.visit(f, context);
    }

    @Override
    public <S> Void visit(PlainSelect s, S context) {
      if (s.getIntoTables() != null && !s.getIntoTables().isEmpty()
          || s.getIntoTempTable() != null) {
        problems.add("SELECT ... INTO creates a table");
      }
      if (s.getForMode() != null) {
        problems.add("SELECT ... FOR UPDATE/SHARE takes row locks: drop the FOR clause");
      }
      return super.visit(s, context);
    }

    @Override
    public <S> Void visit(Delete d, S context) {
      problems.add("it holds a DELETE (a writable CTE)");
      return null;
    }

    @Override
    public <S> Void visit(Update u, S context) {
      problems.add("it holds an UPDATE (a writable CTE)");
      return null;
    }

    @Override
    public <S> Void visit(Insert i, S context) {
      problems.add("it holds an INSERT (a writable CTE)");
      return null;
    }

    @Override
    public <S> Void visit(Merge m, S context) {
      problems.add("it holds a MERGE (a writable CTE)");
      return null;
    }
  }
}
