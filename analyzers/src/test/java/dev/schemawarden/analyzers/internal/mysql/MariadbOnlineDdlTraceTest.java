package dev.schemawarden.analyzers.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Algorithm;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Lock;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl.Verdict;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdlTracer.Traced;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a real MariaDB 11.4.5 (embedded, from Maven Central) accepts for each ALTER form: the cheapest
 * ALGORITHM/LOCK pair, tried on a fresh copy of the table each time, then the statement as written. One server for
 * the class; the table is rebuilt before each form so forms never leak into each other.
 */
class MariadbOnlineDdlTraceTest {

  private static EmbeddedMariadb db;
  private static Connection c;
  private final MysqlOnlineDdlTracer tracer = new MysqlOnlineDdlTracer(MysqlFlavor.MARIADB);

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedMariadb.start();
    c = db.connect("trace");
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
    db.close();
  }

  @BeforeEach
  void fresh_tables() throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute("SET SESSION foreign_key_checks = 1");
      st.execute("DROP TABLE IF EXISTS orders, customers");
      st.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(80)) ENGINE=InnoDB");
      st.execute(
          """
          CREATE TABLE orders (
            id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
            customer_id BIGINT NOT NULL,
            status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
            total DECIMAL(10,2) NOT NULL DEFAULT 0,
            note VARCHAR(100) CHARACTER SET latin1 NULL,
            legacy INT NULL,
            placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            KEY orders_placed_at_idx (placed_at),
            KEY orders_customer_idx (customer_id)
          ) ENGINE=InnoDB DEFAULT CHARSET=latin1""");
      st.execute("INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x')");
      st.execute(
          "INSERT INTO orders (customer_id, status, total, note, legacy) VALUES"
              + " (1, 'new', 1.50, 'one', 1), (2, 'paid', 2.50, NULL, 2), (1, 'shipped', 3.00, 'three', NULL)");
    }
  }

  private Traced trace(String sql) throws Exception {
    return tracer.trace(c, sql).orElseThrow();
  }

  /**
   * Each form, what MariaDB 11.4.5 accepted (the cheapest pair, on a fresh copy) and whether the statement as
   * written rebuilt the table (a new InnoDB table id). The last row asks for COPY: the table is rebuilt although the
   * server would have done it instantly, which the trace shows.
   */
  @ParameterizedTest(name = "{0} -> {1}, LOCK={2}, rebuilt={3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ALTER TABLE orders ADD COLUMN a INT|INSTANT|NONE|false",
        "ALTER TABLE orders ADD COLUMN a INT NOT NULL DEFAULT 7|INSTANT|NONE|false",
        "ALTER TABLE orders ADD COLUMN a INT FIRST|INSTANT|NONE|false",
        "ALTER TABLE orders ADD COLUMN a INT AFTER id|INSTANT|NONE|false",
        "ALTER TABLE orders ADD COLUMN a INT, ADD COLUMN b VARCHAR(10)|INSTANT|NONE|false",
        "ALTER TABLE orders ADD COLUMN a INT AS (legacy + 1) VIRTUAL|INSTANT|NONE|false",
        "ALTER TABLE orders ADD COLUMN a INT AS (legacy + 1) STORED|COPY|SHARED|true",
        "ALTER TABLE orders ADD COLUMN a VARCHAR(20) NULL UNIQUE|INPLACE|NONE|true",
        "ALTER TABLE customers ADD COLUMN seq INT NOT NULL AUTO_INCREMENT UNIQUE|INPLACE|SHARED|true",
        "ALTER TABLE orders DROP COLUMN legacy|INSTANT|NONE|false",
        "ALTER TABLE orders DROP COLUMN legacy, DROP COLUMN note|INSTANT|NONE|false",
        "ALTER TABLE orders RENAME COLUMN legacy TO legacy2|INSTANT|NONE|false",
        "ALTER TABLE orders CHANGE legacy legacy2 INT NULL|INSTANT|NONE|false",
        "ALTER TABLE orders MODIFY legacy INT NULL FIRST|INSTANT|NONE|false",
        "ALTER TABLE orders MODIFY legacy BIGINT NULL|COPY|SHARED|true",
        "ALTER TABLE orders MODIFY total DECIMAL(10,2) NULL|INPLACE|NONE|true",
        "ALTER TABLE orders MODIFY note VARCHAR(200) CHARACTER SET latin1 NULL|INSTANT|NONE|false",
        "ALTER TABLE orders MODIFY note VARCHAR(50) CHARACTER SET latin1 NULL|COPY|SHARED|true",
        "ALTER TABLE orders MODIFY note VARCHAR(100) CHARACTER SET utf8mb4 NULL|COPY|SHARED|true",
        "ALTER TABLE orders MODIFY status ENUM('new','paid','shipped','returned') NOT NULL DEFAULT 'new'|INSTANT|NONE|false",
        "ALTER TABLE orders MODIFY status ENUM('new','held','paid','shipped') NOT NULL DEFAULT 'new'|COPY|SHARED|true",
        "ALTER TABLE orders ALTER COLUMN total SET DEFAULT 1|INSTANT|NONE|false",
        "ALTER TABLE orders ALTER COLUMN total DROP DEFAULT|INSTANT|NONE|false",
        "ALTER TABLE orders ADD INDEX orders_total_idx (total)|NOCOPY|NONE|false",
        "ALTER TABLE orders ADD UNIQUE INDEX orders_note_uq (note)|NOCOPY|NONE|false",
        "CREATE INDEX orders_status_idx ON orders (status)|NOCOPY|NONE|false",
        "CREATE UNIQUE INDEX orders_id_total_uq ON orders (id, total)|NOCOPY|NONE|false",
        "ALTER TABLE orders ADD FULLTEXT INDEX orders_note_ft (note)|INPLACE|SHARED|true",
        "ALTER TABLE orders DROP INDEX orders_placed_at_idx|NOCOPY|NONE|false",
        "ALTER TABLE orders RENAME INDEX orders_placed_at_idx TO orders_placed_idx|INSTANT|NONE|false",
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)|COPY|SHARED|true",
        "ALTER TABLE orders ADD CONSTRAINT orders_total_ck CHECK (total >= 0)|COPY|SHARED|true",
        "ALTER TABLE customers DROP PRIMARY KEY|COPY|SHARED|true",
        "ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id)|INPLACE|NONE|true",
        "ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4|COPY|SHARED|true",
        "ALTER TABLE orders DEFAULT CHARACTER SET utf8mb4|INSTANT|NONE|false",
        "ALTER TABLE orders ENGINE=InnoDB|INPLACE|NONE|true",
        "ALTER TABLE orders FORCE|INPLACE|NONE|true",
        "ALTER TABLE orders ROW_FORMAT=DYNAMIC|INPLACE|NONE|true",
        "ALTER TABLE orders AUTO_INCREMENT=1000|INSTANT|NONE|false",
        "ALTER TABLE orders COMMENT='orders placed'|INSTANT|NONE|false",
        "ALTER TABLE orders RENAME TO orders2|INSTANT|NONE|false",
        "ALTER TABLE orders ALGORITHM=INPLACE, ADD COLUMN a INT|INSTANT|NONE|false",
        "ALTER TABLE orders ADD COLUMN a INT, ALGORITHM=COPY|INSTANT|NONE|true"
      })
  void each_alter_form_gets_what_mariadb_11_4_accepts(
      String sql, Algorithm algorithm, Lock lock, boolean rebuilt) throws Exception {
    Traced t = trace(sql);

    assertThat(t.algorithm())
        .as("cheapest ALGORITHM accepted for %s; tries %s", sql, t.tries())
        .contains(algorithm);
    assertThat(t.lock()).as("with the weakest LOCK; tries %s", t.tries()).contains(lock);
    assertThat(t.error()).as("the statement as written runs").isEmpty();
    assertThat(t.rebuilt()).as("a new InnoDB table id for %s", sql).isEqualTo(rebuilt);
    // The static prediction, which stands in where no trace runs, is never cheaper than what the
    // server did.
    Verdict predicted =
        MysqlOnlineDdl.predict(
                MysqlFlavor.MARIADB,
                new ServerVersion(11, 4, 5),
                MysqlClassifier.alter(sql).orElseThrow(),
                false)
            .orElseThrow();
    assertThat(predicted.algorithm())
        .as("predicted algorithm for %s", sql)
        .isGreaterThanOrEqualTo(algorithm);
    assertThat(predicted.lock()).as("predicted lock for %s", sql).isGreaterThanOrEqualTo(lock);
  }

  @Test
  void data_the_server_refuses_is_reported_with_its_error_and_no_algorithm() throws Exception {
    Traced t = trace("ALTER TABLE orders MODIFY legacy INT NOT NULL DEFAULT 0");

    assertThat(t.algorithm()).as("a NULL in row 3 fails every try: %s", t.tries()).isEmpty();
    assertThat(t.error())
        .as("the server's own message")
        .hasValueSatisfying(e -> assertThat(e).contains("legacy"));
    assertThat(t.tries())
        .extracting(MysqlOnlineDdlTracer.Attempt::algorithm)
        .containsExactly(
            Algorithm.INSTANT,
            Algorithm.NOCOPY,
            Algorithm.INPLACE,
            Algorithm.INPLACE,
            Algorithm.COPY);
  }

  @Test
  void tries_never_touch_the_table_itself() throws Exception {
    Traced t = trace("ALTER TABLE orders ADD COLUMN a INT AS (legacy + 1) STORED");
    try (Statement st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME LIKE '\\_warden\\_try%'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("no copy is left behind").isZero();
    }
    assertThat(t.tries()).as("four refusals before COPY").hasSize(5);
  }

  @Test
  void a_second_statement_smuggled_into_one_alter_never_runs() throws Exception {
    Traced t = trace("ALTER TABLE orders ADD COLUMN a INT; DROP TABLE customers");

    assertThat(t.error())
        .as("the driver sends one statement: the server rejects the rest as syntax")
        .isPresent();
    try (Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM customers")) {
      rs.next();
      assertThat(rs.getInt(1)).as("customers is still there, rows and all").isEqualTo(2);
    }
  }

  @Test
  void a_table_name_with_a_backtick_is_quoted_not_spliced() throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE `we``ird` (id INT PRIMARY KEY)");
    }
    Traced t = trace("ALTER TABLE `we``ird` ADD COLUMN a INT");

    assertThat(t.algorithm()).as("tries: %s", t.tries()).contains(Algorithm.INSTANT);
    assertThat(t.error()).isEmpty();
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE `we``ird`");
    }
  }
}
