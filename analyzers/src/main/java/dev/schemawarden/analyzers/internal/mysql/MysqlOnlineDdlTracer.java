package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Algorithm;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Lock;
import dev.schemawarden.analyzers.internal.sql.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks a scratch MySQL or MariaDB server what an ALTER gets, instead of predicting it: the "try it on a
 * replica at production's version and report what the server accepted". For each ALTER TABLE or CREATE INDEX it
 * tries, cheapest first, {@code ALGORITHM=INSTANT}, {@code NOCOPY} (MariaDB), {@code INPLACE, LOCK=NONE},
 * {@code INPLACE, LOCK=SHARED} and {@code COPY}, each on a fresh copy of the table ({@code CREATE TABLE .. LIKE} and
 * up to {@value #SAMPLE_ROWS} of its rows) so tries never leak into each other; then it runs the statement as
 * written on the table itself and records whether InnoDB rebuilt it (a new table id), the error and the time.
 *
 * <p>JDBC only: the caller brings the connection (an embedded MariaDB, or a server the user names). The connection
 * must be a sandbox: the statement is pull-request content.
 */
public final class MysqlOnlineDdlTracer {

  static final int SAMPLE_ROWS = 1000;
  private static final String COPY = "_warden_try";

  private final MysqlFlavor flavor;

  public MysqlOnlineDdlTracer(MysqlFlavor flavor) {
    this.flavor = flavor;
  }

  /** One try: the pair asked for, and the server's answer. */
  public record Attempt(Algorithm algorithm, Lock lock, boolean accepted, Optional<String> error) {}

  /**
   * What the server did with one statement.
   *
   * @param algorithm the cheapest algorithm the server accepted, empty when it accepted none (then {@code tries}
   *     say why, e.g. the copy lacks the foreign keys the statement drops)
   * @param rebuilt the statement as written gave the table a new InnoDB table id
   * @param error the server's error for the statement as written
   */
  public record Traced(
      String table,
      Optional<Algorithm> algorithm,
      Optional<Lock> lock,
      List<Attempt> tries,
      boolean rebuilt,
      Optional<String> error,
      long millis) {
    public Traced {
      tries = List.copyOf(tries);
    }
  }

  /** Traces {@code sql}; empty when it is no ALTER TABLE or CREATE INDEX. */
  public Optional<Traced> trace(Connection c, String sql) throws SQLException {
    return trace(c, c, sql);
  }

  /**
   * Traces {@code sql} on {@code c}, reading InnoDB's table ids through {@code probe}: a sandbox user lacks the
   * PROCESS privilege the InnoDB views need, so an admin connection reads them for it.
   */
  public Optional<Traced> trace(Connection c, Connection probe, String sql) throws SQLException {
    Optional<MysqlAlter> alter = MysqlClassifier.alter(sql);
    if (alter.isEmpty()) {
      return Optional.empty();
    }
    String table = alter.get().table().name();
    List<Attempt> tries = new ArrayList<>();
    Optional<Attempt> cheapest = Optional.empty();
    for (Attempt pair : pairs()) {
      Attempt a = attempt(c, sql, table, pair.algorithm(), pair.lock());
      tries.add(a);
      if (a.accepted()) {
        cheapest = Optional.of(a);
        break;
      }
    }
    String schema = c.getCatalog();
    long id = tableId(probe, schema, table);
    long start = System.nanoTime();
    Optional<String> error = execute(c, sql);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long after = tableId(probe, schema, table);
    // After a RENAME the old name has no id: no rebuild can be told, and none happened.
    boolean rebuilt = error.isEmpty() && id >= 0 && after >= 0 && after != id;
    return Optional.of(
        new Traced(
            table,
            cheapest.map(Attempt::algorithm),
            cheapest.map(Attempt::lock),
            tries,
            rebuilt,
            error,
            millis));
  }

  private List<Attempt> pairs() {
    List<Attempt> out = new ArrayList<>();
    out.add(new Attempt(Algorithm.INSTANT, Lock.NONE, false, Optional.empty()));
    if (flavor == MysqlFlavor.MARIADB) {
      out.add(new Attempt(Algorithm.NOCOPY, Lock.NONE, false, Optional.empty()));
    }
    out.add(new Attempt(Algorithm.INPLACE, Lock.NONE, false, Optional.empty()));
    out.add(new Attempt(Algorithm.INPLACE, Lock.SHARED, false, Optional.empty()));
    out.add(new Attempt(Algorithm.COPY, Lock.SHARED, false, Optional.empty()));
    return out;
  }

  private Attempt attempt(Connection c, String sql, String table, Algorithm algorithm, Lock lock)
      throws SQLException {
    execute(c, "DROP TABLE IF EXISTS `" + COPY + "`");
    Optional<String> setup = execute(c, "CREATE TABLE `" + COPY + "` LIKE " + quote(table));
    if (setup.isEmpty()) {
      List<String> columns = insertable(c, table);
      if (!columns.isEmpty()) {
        String list = String.join(", ", columns);
        execute(
            c,
            "INSERT INTO `"
                + COPY
                + "` ("
                + list
                + ") SELECT "
                + list
                + " FROM "
                + quote(table)
                + " LIMIT "
                + SAMPLE_ROWS);
      }
    }
    // MySQL takes no LOCK clause with INSTANT; MariaDB's INSTANT never locks either, so leave it
    // out for both.
    boolean createIndex = sql.stripLeading().regionMatches(true, 0, "create", 0, 6);
    String clause =
        "ALGORITHM="
            + algorithm
            + (algorithm == Algorithm.INSTANT ? "" : (createIndex ? " " : ", ") + "LOCK=" + lock);
    Optional<String> error = setup.isPresent() ? setup : execute(c, onCopy(sql, clause));
    execute(c, "DROP TABLE IF EXISTS `" + COPY + "`");
    if (error.isEmpty()) {
      // A RENAME tried on the copy left the copy under the new name (which did not exist, or the
      // try had failed).
      for (MysqlAlter.Clause cl :
          MysqlClassifier.alter(sql).map(MysqlAlter::clauses).orElse(List.of())) {
        if (cl.op() == MysqlAlter.Op.RENAME_TABLE && cl.name().isPresent()) {
          execute(c, "DROP TABLE IF EXISTS " + quote(cl.name().get()));
        }
      }
    }
    return new Attempt(algorithm, lock, error.isEmpty(), error);
  }

  /** {@code sql} aimed at the copy, its own ALGORITHM/LOCK clauses replaced by {@code clause}. */
  static String onCopy(String sql, String clause) {
    List<Token> tokens = MysqlLexer.tokens(sql);
    boolean createIndex = !tokens.isEmpty() && tokens.get(0).isWord("create");
    int at = -1;
    for (int i = 0; i < tokens.size() && at < 0; i++) {
      if (tokens.get(i).isWord(createIndex ? "on" : "table")) {
        at = i + 1;
      }
    }
    int end = at + 1;
    if (end + 1 < tokens.size() && tokens.get(end).isOp(".")) {
      end += 2;
    }
    StringBuilder out =
        new StringBuilder(sql.substring(0, tokens.get(at).start()))
            .append('`')
            .append(COPY)
            .append('`');
    int from = tokens.get(end - 1).end();
    int i = end;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if ((t.isWord("algorithm") || t.isWord("lock")) && i + 1 < tokens.size()) {
        int j = tokens.get(i + 1).isOp("=") ? i + 2 : i + 1;
        int stop = Math.min(j + 1, tokens.size());
        int cut = t.start();
        // Drop a comma before the option, so "x, ALGORITHM=COPY" leaves no dangling comma.
        if (i > end && tokens.get(i - 1).isOp(",")) {
          cut = tokens.get(i - 1).start();
        } else if (stop < tokens.size() && tokens.get(stop).isOp(",")) {
          stop++; // "ALGORITHM=COPY, ADD x": the comma after it goes
        }
        out.append(sql, from, cut);
        from = tokens.get(stop - 1).end();
        i = stop;
        continue;
      }
      i++;
    }
    out.append(sql.substring(from));
    return out.toString().strip() + (createIndex ? " " : ", ") + clause;
  }

  private static List<String> insertable(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%'"
                + " ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(quote(rs.getString(1)));
        }
      }
    }
    return out;
  }

  /** InnoDB's id for the table: a new one after the statement means the table was rebuilt. -1 when unknown. */
  private long tableId(Connection c, String schema, String table) throws SQLException {
    String view = flavor == MysqlFlavor.MARIADB ? "INNODB_SYS_TABLES" : "INNODB_TABLES";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT TABLE_ID FROM information_schema."
                + view
                + " WHERE NAME = CONCAT(?, '/', ?)")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      return -1;
    }
  }

  private static Optional<String> execute(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
