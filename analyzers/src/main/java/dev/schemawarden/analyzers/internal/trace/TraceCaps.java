package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.TraceOptions;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** What bounds one trace from the inside: its statement and SQL-size caps, and how a lost session looks. */
final class TraceCaps {
  private final TraceOptions options;
  private int statements;
  private long sqlBytes;

  TraceCaps(TraceOptions options) {
    this.options = options;
  }

  /** Counts {@code s}; the cap it passes, described, once past one. */
  Optional<String> count(SqlStatement s) {
    statements++;
    sqlBytes += s.sql().getBytes(StandardCharsets.UTF_8).length;
    if (statements > options.maxStatements()) {
      return Optional.of(
          "the trace's cap of "
              + String.format(Locale.ROOT, "%,d", options.maxStatements())
              + " statements");
    }
    if (sqlBytes > options.maxSqlBytes()) {
      return Optional.of(
          "the trace's cap of "
              + ByteSize.format(options.maxSqlBytes())
              + " of SQL ("
              + ByteSize.format(sqlBytes)
              + " with this statement)");
    }
    return Optional.empty();
  }

  /**
   * True when the session is gone: SQLSTATE class 08 (connection), 57P01-57P03 (terminated, crash, cannot
   * connect), 25P03 (idle-in-transaction timeout), or a connection the driver already closed.
   */
  static boolean sessionLost(SQLException e, boolean connectionClosed) {
    String state = Optional.ofNullable(e.getSQLState()).orElse("");
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("25P03")
        || connectionClosed;
  }
}
