package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * DG101 unused, DG102 duplicate and DG103 overlapping (left-prefix) indexes of a MySQL/MariaDB database, from
 * information_schema.STATISTICS (computed here, not read from sys.schema_redundant_indexes, which MariaDB lacks),
 * performance_schema's per-index I/O counters and, when readable, mysql.innodb_index_stats for sizes. An index is
 * reported once, by the first of: duplicate, unused, overlapping. The primary key, unique indexes (MySQL's unique
 * constraints) and the last index a foreign key can use (InnoDB needs one on each side) are never proposed for
 * dropping. Functional indexes (no column name) are left out: their definition cannot be restated from here.
 */
final class MysqlIndexChecks {
  private static final String INDEXES =
      """
      SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE
        FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
       ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
      """;

  /** Both sides of each foreign key touching this database: each needs an index leading with its columns. */
  private static final String FOREIGN_KEYS =
      """
      SELECT TABLE_SCHEMA = DATABASE() AS here, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,
             REFERENCED_TABLE_SCHEMA = DATABASE() AS parent_here, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
        FROM information_schema.KEY_COLUMN_USAGE
       WHERE REFERENCED_TABLE_NAME IS NOT NULL
         AND (TABLE_SCHEMA = DATABASE() OR REFERENCED_TABLE_SCHEMA = DATABASE())
       ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION
      """;

  private static final String USAGE =
      """
      SELECT OBJECT_NAME, INDEX_NAME, COUNT_STAR, COUNT_INSERT + COUNT_UPDATE + COUNT_DELETE AS writes
        FROM performance_schema.table_io_waits_summary_by_index_usage
       WHERE OBJECT_TYPE = 'TABLE' AND OBJECT_SCHEMA = DATABASE()
      """;
  private static final String SIZES =
      """
      SELECT table_name, index_name, stat_value FROM mysql.innodb_index_stats
       WHERE database_name = DATABASE() AND stat_name = 'size'
      """;

  private record Col(String name, long subPart, boolean desc) {
    String sql() {
      return MysqlFixes.q(name) + (subPart > 0 ? "(" + subPart + ")" : "") + (desc ? " DESC" : "");
    }

    String key() {
      return name.toLowerCase(Locale.ROOT) + "(" + subPart + ")" + (desc ? "D" : "A");
    }
  }

  private static final class Index {
    final String table;
    final String name;
    final boolean unique;
    final String type;
    final List<Col> cols = new ArrayList<>();
    boolean functional;
    OptionalLong bytes = OptionalLong.empty();
    Optional<Long> scans = Optional.empty();

    Index(String table, String name, boolean unique, String type) {
      this.table = table;
      this.name = name;
      this.unique = unique;
      this.type = type;
    }

    boolean primary() {
      return name.equals("PRIMARY");
    }

    String shape() {
      return table + "\u0000" + type + "\u0000" + cols.stream().map(Col::key).toList();
    }

    /** Its columns, lower-cased without prefix lengths: what a foreign key can use. */
    List<String> plainColumns() {
      return cols.stream()
          .map(c -> c.subPart > 0 ? "\u0000" : c.name.toLowerCase(Locale.ROOT))
          .toList();
    }

    String definition() {
      return MysqlFixes.indexDefinition(name, unique, type, cols.stream().map(Col::sql).toList());
    }
  }

  private record ForeignKeySide(String table, List<String> columns) {}

  private MysqlIndexChecks() {}

  static void run(Pass pass, MysqlDiagnoser.PerfSchema ps, long pageSize) throws SQLException {
    record Stat(
        String table,
        String name,
        boolean unique,
        String column,
        long subPart,
        boolean desc,
        String type) {}
    Map<String, Index> byKey = new LinkedHashMap<>();
    for (Stat s :
        pass.db.rows(
            INDEXES,
            rs ->
                new Stat(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3) == 0,
                    rs.getString(4),
                    rs.getLong(5),
                    "D".equals(rs.getString(6)),
                    rs.getString(7)))) {
      Index i =
          byKey.computeIfAbsent(
              s.table + "\u0000" + s.name, k -> new Index(s.table, s.name, s.unique, s.type));
      if (s.column == null) {
        i.functional = true;
      } else {
        i.cols.add(new Col(s.column, s.subPart, s.desc));
      }
    }
    List<Index> all = byKey.values().stream().filter(i -> !i.functional).toList();
    List<ForeignKeySide> fks = foreignKeys(pass);
    sizes(pass, byKey, pageSize);
    Map<String, Long> tableWrites = new HashMap<>();
    if (ps.noTableIo().isEmpty()) {
      pass.db.rows(
          USAGE,
          rs -> {
            String table = rs.getString(1);
            tableWrites.merge(table, rs.getLong(4), Long::sum);
            String index = rs.getString(2);
            Index i = index == null ? null : byKey.get(table + "\u0000" + index);
            if (i != null) {
              i.scans = Optional.of(rs.getLong(3));
            }
            return table;
          });
    }
    Set<Index> reported = new HashSet<>();
    duplicates(pass, all, reported);
    unused(pass, ps, all, fks, tableWrites, reported);
    overlapping(pass, all, reported);
  }

  private static List<ForeignKeySide> foreignKeys(Pass pass) throws SQLException {
    Map<String, List<String[]>> byConstraint = new LinkedHashMap<>();
    pass.db.rows(
        FOREIGN_KEYS,
        rs ->
            byConstraint
                .computeIfAbsent(
                    rs.getString(2) + "\u0000" + rs.getString(3) + "\u0000" + rs.getBoolean(1),
                    k -> new ArrayList<>())
                .add(
                    new String[] {
                      rs.getBoolean(1) ? "1" : "0",
                      rs.getString(2),
                      rs.getString(4),
                      rs.getBoolean(5) ? "1" : "0",
                      rs.getString(6),
                      rs.getString(7)
                    }));
    List<ForeignKeySide> out = new ArrayList<>();
    for (List<String[]> cols : byConstraint.values()) {
      String[] first = cols.get(0);
      if (first[0].equals("1")) {
        out.add(
            new ForeignKeySide(
                first[1], cols.stream().map(c -> c[2].toLowerCase(Locale.ROOT)).toList()));
      }
      if (first[3].equals("1")) {
        out.add(
            new ForeignKeySide(
                first[4], cols.stream().map(c -> c[5].toLowerCase(Locale.ROOT)).toList()));
      }
    }
    return out;
  }

  /** Index sizes from InnoDB's persistent statistics (pages times the page size), where the role may read them. */
  private static void sizes(Pass pass, Map<String, Index> byKey, long pageSize) {
    try {
      pass.db.rows(
          SIZES,
          rs -> {
            // A partition's statistics are kept under "table#p#partition" (MariaDB: "#P#"): summed
            // into the table.
            String table = rs.getString(1).replaceFirst("(?i)#p#.*$", "");
            Index i = byKey.get(table + "\u0000" + rs.getString(2));
            if (i != null) {
              i.bytes = OptionalLong.of(i.bytes.orElse(0) + rs.getLong(3) * pageSize);
            }
            return table;
          });
    } catch (SQLException e) {
      pass.notes.add(
          "index sizes unknown: mysql.innodb_index_stats is not readable by this role (GRANT SELECT ON"
              + " mysql.innodb_index_stats to have them): "
              + MysqlDiagnoser.firstLine(e));
    }
  }

  private static List<Measure> size(Index i, String name) {
    return i.bytes.isPresent()
        ? List.of(new Measure(name, i.bytes.getAsLong(), "bytes"))
        : List.of();
  }

  private static String show(Pass pass, Index i) {
    return MysqlFixes.show(pass.database, i.table, i.name);
  }

  private static void duplicates(Pass pass, List<Index> all, Set<Index> reported) {
    Map<String, List<Index>> byShape = new LinkedHashMap<>();
    all.forEach(i -> byShape.computeIfAbsent(i.shape(), k -> new ArrayList<>()).add(i));
    Comparator<Index> keepFirst =
        Comparator.comparing((Index i) -> !i.primary())
            .thenComparing(i -> !i.unique)
            .thenComparing(i -> -i.scans.orElse(0L))
            .thenComparing(i -> i.name);
    for (List<Index> group : byShape.values()) {
      if (group.size() < 2) {
        continue;
      }
      List<Index> sorted = group.stream().sorted(keepFirst).toList();
      Index keep = sorted.get(0);
      for (Index d : sorted.subList(1, sorted.size())) {
        reported.add(d);
        boolean canDrop = !d.primary() && (!d.unique || keep.unique);
        List<Measure> evidence = new ArrayList<>(size(d, "index_bytes"));
        d.scans.ifPresent(s -> evidence.add(new Measure("index_scans", s, "count")));
        keep.scans.ifPresent(s -> evidence.add(new Measure("kept_index_scans", s, "count")));
        pass.problems.add(
            new Problem(
                "DG102",
                d.bytes.orElse(0) >= pass.settings.unusedIndexErrorBytes()
                    ? Severity.ERROR
                    : Severity.WARNING,
                show(pass, d),
                "index "
                    + show(pass, d)
                    + " duplicates "
                    + MysqlFixes.show(keep.name)
                    + ": same columns, same kind; every write maintains both"
                    + (d.bytes.isPresent() ? "" : " (size unknown)")
                    + (canDrop
                        ? ""
                        : "; it enforces uniqueness the"
                            + " kept one does not, so choose which to drop by hand"),
                evidence,
                canDrop
                    ? Optional.of(
                        MysqlFixes.dropIndex(
                            "drop the duplicate index, online",
                            pass.database,
                            d.table,
                            d.name,
                            d.definition()))
                    : Optional.empty()));
      }
    }
  }

  private static void unused(
      Pass pass,
      MysqlDiagnoser.PerfSchema ps,
      List<Index> all,
      List<ForeignKeySide> fks,
      Map<String, Long> tableWrites,
      Set<Index> reported) {
    if (ps.noTableIo().isPresent()) {
      pass.notes.add("DG101 unused indexes skipped: " + ps.noTableIo().get());
      return;
    }
    Duration observed = Duration.ofSeconds((long) pass.observedSeconds);
    if (observed.compareTo(pass.settings.window()) < 0) {
      pass.notes.add(
          "DG101 unused indexes not judged: performance_schema has counted since the server started "
              + HumanDuration.format(observed)
              + " ago, less than the window of "
              + HumanDuration.format(pass.settings.window())
              + " (--window 0 judges now)");
      return;
    }
    for (Index i : all) {
      if (i.primary()
          || i.unique
          || i.scans.isEmpty()
          || i.scans.get() > 0
          || reported.contains(i)
          || lastForForeignKey(i, all, fks)) {
        continue;
      }
      reported.add(i);
      long writes = tableWrites.getOrDefault(i.table, 0L);
      double rate = pass.rate(writes);
      Severity bySize =
          i.bytes.isPresent()
              ? Pass.bySize(
                  i.bytes.getAsLong(),
                  pass.settings.unusedIndexWarningBytes(),
                  pass.settings.unusedIndexErrorBytes())
              : Severity.INFO;
      Severity severity =
          bySize == Severity.INFO && rate >= pass.settings.busyWritesPerSecond()
              ? Severity.WARNING
              : bySize;
      List<Measure> evidence = new ArrayList<>(size(i, "index_bytes"));
      evidence.addAll(
          List.of(
              new Measure("index_scans", 0, "count"),
              new Measure("index_writes", writes, "count"),
              new Measure("index_writes_per_second", rate, "per_second"),
              new Measure("observed_seconds", pass.observedSeconds, "seconds")));
      pass.problems.add(
          new Problem(
              "DG101",
              severity,
              show(pass, i),
              "index "
                  + show(pass, i)
                  + " has had no"
                  + " read or write through it in "
                  + HumanDuration.format(observed)
                  + " since the server started"
                  + (i.bytes.isPresent() ? "" : " (size unknown)")
                  + ", yet every insert and delete on "
                  + MysqlFixes.show(pass.database, i.table)
                  + " maintains it",
              evidence,
              Optional.of(
                  MysqlFixes.dropIndex(
                      "drop the unused index, online",
                      pass.database,
                      i.table,
                      i.name,
                      i.definition()))));
    }
  }

  /** True when a foreign key of the table needs {@code i}: no other index leads with its columns. */
  private static boolean lastForForeignKey(Index i, List<Index> all, List<ForeignKeySide> fks) {
    for (ForeignKeySide fk : fks) {
      if (!fk.table.equals(i.table) || !leads(i, fk.columns)) {
        continue;
      }
      boolean other =
          all.stream().anyMatch(o -> o != i && o.table.equals(i.table) && leads(o, fk.columns));
      if (!other) {
        return true;
      }
    }
    return false;
  }

  private static boolean leads(Index i, List<String> columns) {
    List<String> plain = i.plainColumns();
    return plain.size() >= columns.size() && plain.subList(0, columns.size()).equals(columns);
  }

  private static void overlapping(Pass pass, List<Index> all, Set<Index> reported) {
    for (Index a : all) {
      if (a.primary() || a.unique || reported.contains(a) || !a.type.equalsIgnoreCase("BTREE")) {
        continue;
      }
      for (Index b : all) {
        if (b == a
            || !b.table.equals(a.table)
            || !b.type.equalsIgnoreCase("BTREE")
            || b.cols.size() <= a.cols.size()
            || !b.cols.subList(0, a.cols.size()).stream()
                .map(Col::key)
                .toList()
                .equals(a.cols.stream().map(Col::key).toList())) {
          continue;
        }
        reported.add(a);
        List<Measure> evidence = new ArrayList<>(size(a, "index_bytes"));
        a.scans.ifPresent(s -> evidence.add(new Measure("index_scans", s, "count")));
        b.scans.ifPresent(s -> evidence.add(new Measure("covering_index_scans", s, "count")));
        evidence.addAll(size(b, "covering_index_bytes"));
        pass.problems.add(
            new Problem(
                "DG103",
                a.bytes.orElse(0) >= pass.settings.unusedIndexWarningBytes()
                    ? Severity.WARNING
                    : Severity.INFO,
                show(pass, a),
                "index "
                    + show(pass, a)
                    + " is a leading part of "
                    + MysqlFixes.show(b.name)
                    + ", which answers the same lookups",
                evidence,
                Optional.of(
                    MysqlFixes.dropIndex(
                        "drop the overlapped index, online",
                        pass.database,
                        a.table,
                        a.name,
                        a.definition()))));
        break;
      }
    }
  }
}
