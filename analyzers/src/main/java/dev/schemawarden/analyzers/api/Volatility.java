package dev.schemawarden.analyzers.api;

import dev.schemawarden.analyzers.internal.postgres.PostgresLexer;
import dev.schemawarden.analyzers.internal.sql.Token;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a column {@code DEFAULT} expression is volatile, i.e. PostgreSQL must evaluate it per row. Since
 * PostgreSQL 11, {@code ADD COLUMN ... DEFAULT expr} with a non-volatile (immutable or stable, such as
 * {@code now()}, {@code statement_timestamp()} or {@code current_timestamp}) default stores the value once in the
 * catalog and does not rewrite the table; a volatile default still rewrites it. See
 * https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES and
 * https://www.postgresql.org/docs/current/xfunc-volatility.html.
 *
 * <p>The one list: lint (LK110), the lock predictor and the policy's operation classes all ask here. Static
 * knowledge only: the functions below are recognised by name; any other function (including user functions, whose
 * volatility only the catalog knows) is treated as non-volatile. The lock tracer observes the real outcome.
 */
public final class Volatility {
  private Volatility() {}

  /**
   * Functions {@code pg_proc.provolatile = 'v'} marks VOLATILE, built in or from common extensions (uuid-ossp,
   * pgcrypto); {@code uuidv4}/{@code uuidv7} arrive with PostgreSQL 18. {@code VolatilityTest} checks the list
   * against a real server's {@code pg_proc}.
   */
  public static final Set<String> VOLATILE_FUNCTIONS =
      Set.of(
          "random",
          "random_normal",
          "setseed",
          "gen_random_uuid",
          "uuidv4",
          "uuidv7",
          "uuid_generate_v1",
          "uuid_generate_v1mc",
          "uuid_generate_v4",
          "clock_timestamp",
          "timeofday",
          "nextval",
          "setval",
          "gen_random_bytes",
          "currval",
          "lastval");

  /** True when {@code expr} calls a function known to be volatile (names compared case-insensitively). */
  public static boolean isVolatileDefault(String expr) {
    return volatileCall(expr).isPresent();
  }

  /**
   * The first volatile function {@code expr} calls, lower case and without its schema. Scanned as PostgreSQL
   * reads it, so {@code 'random()'}, {@code $$random()$$} or a comment is not a call.
   */
  public static Optional<String> volatileCall(String expr) {
    List<Token> tokens = PostgresLexer.tokenize(expr);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.type() == Token.Type.WORD
          && tokens.get(i + 1).value().equals("(")
          && tokens.get(i + 1).type() == Token.Type.OP
          && VOLATILE_FUNCTIONS.contains(t.value())) {
        return Optional.of(t.value());
      }
    }
    return Optional.empty();
  }
}
