package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.TraceAnalysis.CalibrationPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The MySQL/MariaDB counterpart of {@link Calibrator}: statements that build a table of known size on the replica
 * (through its sandbox, like any traced change), scan it, rebuild it with {@code ALGORITHM=COPY} and index it with
 * {@code INPLACE}; the caller times them there and turns the times into a {@link Throughput}. Rows are fixed-width
 * ({@code INT} key, latin1 {@code CHAR(200)}), so the table's InnoDB size follows from the row count: about
 * {@value #ROW_BYTES} bytes a row (222 of record, the page directory and the free space a page keeps), which
 * {@code MysqlCalibrationTest} checks against {@code DATA_LENGTH} on a real MariaDB.
 */
public final class MysqlCalibration {
  static final long ROW_BYTES = 240;
  private static final String TABLE = "warden_calibration";

  private MysqlCalibration() {}

  /** A plan for a table of about {@code sampleBytes} (at least 10,000 rows). */
  public static CalibrationPlan plan(long sampleBytes) {
    long rows = Math.max(10_000, Math.min(10_000_000, sampleBytes / ROW_BYTES));
    int digits = (int) Math.ceil(Math.log10(rows));
    List<String> s = new ArrayList<>();
    s.add("CREATE TABLE " + TABLE + "_digits (d INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
    s.add(
        "INSERT INTO " + TABLE + "_digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
    s.add(
        "CREATE TABLE "
            + TABLE
            + " (id INT NOT NULL PRIMARY KEY, payload CHAR(200) CHARACTER SET latin1 NOT"
            + " NULL) ENGINE=InnoDB");
    List<String> terms = new ArrayList<>();
    List<String> from = new ArrayList<>();
    for (int i = 0; i < digits; i++) {
      terms.add((i == 0 ? "" : (long) Math.pow(10, i) + " * ") + "d" + i + ".d");
      from.add(TABLE + "_digits d" + i);
    }
    String id = String.join(" + ", terms);
    // md5 text so the pages hold data no layer compresses away; the primary key order is the insert
    // order.
    s.add(
        "INSERT INTO "
            + TABLE
            + " (id, payload) SELECT id, RPAD(MD5(id), 200, MD5(id + 1)) FROM (SELECT "
            + id
            + " AS id FROM "
            + String.join(", ", from)
            + ") g WHERE id < "
            + rows
            + " ORDER BY id");
    s.add("SELECT COUNT(*) FROM " + TABLE + " WHERE payload = ''"); // warms the buffer pool
    int scan = s.size();
    s.add("SELECT COUNT(*) FROM " + TABLE + " WHERE payload = ''");
    int copy = s.size();
    s.add("ALTER TABLE " + TABLE + " MODIFY id BIGINT NOT NULL, ALGORITHM=COPY, LOCK=SHARED");
    int index = s.size();
    s.add(
        "ALTER TABLE "
            + TABLE
            + " ADD INDEX "
            + TABLE
            + "_payload (payload), ALGORITHM=INPLACE, LOCK=NONE");
    return new CalibrationPlan(
        Collections.unmodifiableList(s), rows * ROW_BYTES, scan, copy, index);
  }
}
