package dev.schemawarden.analyzers.internal.sql;

import java.util.Optional;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Asks JSqlParser whether it can parse one statement, on the caller's thread. {@code CCJSqlParserUtil.parse(String)}
 * hands every parse to an executor thread to enforce its timeout, which costs more than the parse itself for
 * short DDL; building the parser and calling {@code Statement()} directly avoids that. Statements longer than
 * {@link #MAX_LENGTH} are not offered (JSqlParser's backtracking can take seconds on huge literals).
 */
public final class JSqlParserProbe {
  public static final int MAX_LENGTH = 20_000;

  /** Empty when JSqlParser parsed {@code sql}; otherwise its first error line. */
  public Optional<String> parseError(String sql) {
    if (sql.length() > MAX_LENGTH) {
      return Optional.of("not offered to JSqlParser: longer than " + MAX_LENGTH + " characters");
    }
    try {
      CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
      Statement st = parser.Statement();
      if (st == null || st instanceof UnsupportedStatement) {
        return Optional.of("JSqlParser does not support this statement");
      }
      return Optional.empty();
    } catch (Exception | Error e) {
      // TokenMgrError is an Error; a parser failure must never escape the analysis.
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      String msg = String.valueOf(e.getMessage());
      int nl = msg.indexOf('\n');
      return Optional.of(nl > 0 ? msg.substring(0, nl).strip() : msg.strip());
    }
  }
}
