package dev.schemawarden.analyzers.internal.sql;

import dev.schemawarden.analyzers.api.SqlComment;
import java.util.List;

/**
 * What a dialect's statement splitter returns: its statements, in order, and every comment it passed over. The
 * statement type is the dialect's own, since each carries what only its dialect has (psql meta-commands, a refused
 * {@code DELIMITER} line).
 */
public record ScriptSplit<S>(List<S> statements, List<SqlComment> comments) {
  public ScriptSplit {
    statements = List.copyOf(statements);
    comments = List.copyOf(comments);
  }
}
