package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter.Clause;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cheapest {@code ALGORITHM} and {@code LOCK} an ALTER can get, by flavor and exact version: the prediction a
 * trace on a replica of production's version replaces. From MySQL's "Online DDL Operations"
 * (dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html, 8.4 likewise) and MariaDB's "InnoDB Online
 * DDL Operations with the INSTANT/NOCOPY/INPLACE Alter Algorithm" (mariadb.com/kb). Conservative where the old
 * column definition decides and is not known: a MODIFY or CHANGE that may change the type is predicted COPY.
 */
public final class MysqlOnlineDdl {

  private MysqlOnlineDdl() {}

  /** Cheapest first. {@code NOCOPY} is MariaDB's in-place change that never rebuilds the table. */
  public enum Algorithm {
    INSTANT,
    NOCOPY,
    INPLACE,
    COPY
  }

  /** Weakest first: what concurrent statements may still do while the table changes. */
  public enum Lock {
    NONE,
    SHARED,
    EXCLUSIVE
  }

  /**
   * What one clause or a whole statement gets.
   *
   * @param rebuild the table is rebuilt (every row rewritten), in place or by copy
   * @param why the clause that decided it, with the reason
   */
  public record Verdict(Algorithm algorithm, Lock lock, boolean rebuild, String why) {
    Verdict max(Verdict o) {
      Algorithm a = algorithm.compareTo(o.algorithm) >= 0 ? algorithm : o.algorithm;
      Lock l = lock.compareTo(o.lock) >= 0 ? lock : o.lock;
      String w = o.algorithm.compareTo(algorithm) > 0 || o.lock.compareTo(lock) > 0 ? o.why : why;
      return new Verdict(a, l, rebuild || o.rebuild, w);
    }
  }

  /**
   * The whole statement: the most expensive of its clauses; empty when no clause changes anything (only
   * {@code ALGORITHM=}/{@code LOCK=} options) or only unmodelled clauses are present.
   *
   * @param foreignKeyChecksOff {@code SET foreign_key_checks = 0} ran before it in the same session
   */
  public static Optional<Verdict> predict(
      MysqlFlavor flavor, ServerVersion v, MysqlAlter alter, boolean foreignKeyChecksOff) {
    Optional<Verdict> out = Optional.empty();
    boolean addsPrimaryKey = alter.clauses().stream().anyMatch(c -> c.op() == Op.ADD_PRIMARY_KEY);
    for (Clause c : alter.clauses()) {
      Optional<Verdict> one =
          c.op() == Op.DROP_PRIMARY_KEY && addsPrimaryKey
              ? Optional.of(
                  inplace(
                      Lock.NONE, true, "DROP PRIMARY KEY with ADD PRIMARY KEY rebuilds in place"))
              : clause(flavor, v, c, foreignKeyChecksOff);
      if (one.isPresent()) {
        out = Optional.of(out.map(o -> o.max(one.get())).orElse(one.get()));
      }
    }
    return out;
  }

  /** Each clause's own verdict, in order; unmodelled clauses are left out. */
  public static List<Verdict> clauses(
      MysqlFlavor flavor, ServerVersion v, MysqlAlter alter, boolean fkOff) {
    List<Verdict> out = new ArrayList<>();
    for (Clause c : alter.clauses()) {
      clause(flavor, v, c, fkOff).ifPresent(out::add);
    }
    return out;
  }

  static Optional<Verdict> clause(MysqlFlavor flavor, ServerVersion v, Clause c, boolean fkOff) {
    boolean maria = flavor == MysqlFlavor.MARIADB;
    Algorithm noRebuild = maria ? Algorithm.NOCOPY : Algorithm.INPLACE;
    String text = c.text();
    Verdict r =
        switch (c.op()) {
          case ADD_COLUMN -> addColumn(maria, v, c.column().orElseThrow());
          case DROP_COLUMN ->
              (maria ? v.atLeast(10, 4, 0) : v.atLeast(8, 0, 29))
                  ? instant(
                      "DROP COLUMN is instant from " + (maria ? "MariaDB 10.4" : "MySQL 8.0.29"))
                  : inplace(
                      Lock.NONE,
                      true,
                      "DROP COLUMN rebuilds the table before " + (maria ? "10.4" : "8.0.29"));
          case RENAME_COLUMN ->
              (maria || v.atLeast(8, 0, 28))
                  ? instant("RENAME COLUMN changes metadata only")
                  : new Verdict(
                      Algorithm.INPLACE,
                      Lock.NONE,
                      false,
                      "RENAME COLUMN before 8.0.28 is in place");
          case MODIFY_COLUMN, CHANGE_COLUMN ->
              new Verdict(
                  Algorithm.COPY,
                  Lock.SHARED,
                  true,
                  "`"
                      + text
                      + "` may change the column's type, character set or members: COPY unless only the"
                      + " nullability, default, name or appended ENUM members change");
          case SET_DEFAULT, DROP_DEFAULT, COLUMN_VISIBILITY, RENAME_TABLE, TABLE_COMMENT ->
              instant(text + " changes metadata only");
          case ADD_INDEX, ADD_UNIQUE ->
              new Verdict(noRebuild, Lock.NONE, false, "a secondary index builds in place");
          // The first FULLTEXT index adds a hidden FTS_DOC_ID column: a rebuild (traced on MariaDB
          // 11.4).
          case ADD_FULLTEXT ->
              inplace(Lock.SHARED, true, "a FULLTEXT index rebuilds the table and blocks writes");
          case ADD_SPATIAL ->
              new Verdict(
                  noRebuild, Lock.SHARED, false, "a SPATIAL index blocks writes while it builds");
          case ADD_PRIMARY_KEY ->
              inplace(Lock.NONE, true, "ADD PRIMARY KEY rebuilds the table in place");
          case DROP_PRIMARY_KEY -> copy("DROP PRIMARY KEY without a new one copies the table");
          case ADD_FOREIGN_KEY ->
              fkOff
                  ? new Verdict(
                      noRebuild,
                      Lock.NONE,
                      false,
                      "with foreign_key_checks=0 a foreign key is added in place without checking rows")
                  : copy(
                      "ADD FOREIGN KEY with foreign_key_checks=1 copies the table to check every row");
          case ADD_CHECK -> copy("ADD CHECK copies the table to check every row");
          case DROP_INDEX, DROP_FOREIGN_KEY, DROP_CHECK, RENAME_INDEX, AUTO_INCREMENT ->
              new Verdict(noRebuild, Lock.NONE, false, text + " changes metadata only");
          case CONVERT_CHARSET ->
              copy("CONVERT TO CHARACTER SET rewrites every text column and index");
          case TABLE_CHARSET ->
              maria
                  ? instant("the table's default character set is metadata in MariaDB")
                  : inplace(
                      Lock.SHARED,
                      true,
                      "a new default character set rebuilds the table and blocks writes");
          case ENGINE ->
              c.name().filter(e -> e.equals("INNODB")).isPresent()
                  ? inplace(Lock.NONE, true, "ENGINE=InnoDB rebuilds the table in place")
                  : copy("changing the storage engine copies the table");
          case FORCE, ROW_FORMAT -> inplace(Lock.NONE, true, text + " rebuilds the table in place");
          case PARTITION ->
              inplace(Lock.SHARED, true, text + ": partition maintenance blocks writes");
          case ALGORITHM, LOCK, OTHER -> null;
        };
    return Optional.ofNullable(r);
  }

  private static Verdict addColumn(boolean maria, ServerVersion v, MysqlColumn col) {
    String name = "ADD COLUMN `" + col.def().name() + "`";
    if (col.def().generated() == ColumnDef.Generated.STORED) {
      return copy(name + " is a stored generated column: the table is copied to compute it");
    }
    if (col.autoIncrement()) {
      return inplace(
          Lock.SHARED, true, name + " AUTO_INCREMENT rebuilds the table and blocks writes");
    }
    if (col.def().inlineConstraint().isPresent()) {
      return inplace(
          Lock.NONE, true, name + " with an inline key or constraint rebuilds the table in place");
    }
    if (col.position().isPresent()) {
      boolean any = maria ? v.atLeast(10, 4, 0) : v.atLeast(8, 0, 29);
      return any
          ? instant(
              name + " " + col.position().get().toUpperCase(java.util.Locale.ROOT) + " is instant")
          : inplace(
              Lock.NONE,
              true,
              name
                  + " "
                  + col.position().get().toUpperCase(java.util.Locale.ROOT)
                  + " rebuilds the table: only the last position is instant before "
                  + (maria ? "MariaDB 10.4" : "MySQL 8.0.29"));
    }
    boolean last = maria ? v.atLeast(10, 3, 0) : v.atLeast(8, 0, 12);
    return last
        ? instant(name + " as the last column is instant")
        : inplace(
            Lock.NONE,
            true,
            name + " rebuilds the table before " + (maria ? "MariaDB 10.3" : "MySQL 8.0.12"));
  }

  private static Verdict instant(String why) {
    return new Verdict(Algorithm.INSTANT, Lock.NONE, false, why);
  }

  private static Verdict inplace(Lock lock, boolean rebuild, String why) {
    return new Verdict(Algorithm.INPLACE, lock, rebuild, why);
  }

  private static Verdict copy(String why) {
    return new Verdict(Algorithm.COPY, Lock.SHARED, true, why);
  }
}
