package dev.schemawarden.app.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One real embedded PostgreSQL per test class, a fresh database per test. */
public final class TestPostgres implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final EmbeddedPostgres pg;

  public TestPostgres() {
    try {
      pg =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new empty database; returns its JDBC URL (user postgres, a superuser). */
  public String newDatabase(String prefix) {
    String name = prefix + "_" + COUNTER.incrementAndGet();
    exec(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
    return url(name);
  }

  public String url(String db) {
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db + "?user=postgres";
  }

  public DataSource dataSource(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  public int port() {
    return pg.getPort();
  }

  public static void exec(DataSource ds, String... sql) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}
