package dev.schemawarden.app.state;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.replica.api.LocalPostgres;
import dev.schemawarden.replica.api.LocalPostgresSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded store's server and roles. The superuser (its password only in the secrets directory) is used here,
 * once per start, to keep two roles in shape: {@value #MIGRATOR}, which owns the schemas and runs the Flyway
 * migrations, and {@value #BOT}, the only role the bot connects as — SELECT/INSERT/UPDATE on the queue's tables,
 * SELECT/INSERT on the audit log, nothing it could use to alter the log or disable its triggers.
 *
 * @param server the running cluster
 * @param bot the bot role's connection properties
 */
record EmbeddedStateStore(LocalPostgres server, Properties bot) {
  static final String BOT = "warden_bot";
  static final String MIGRATOR = "warden_migrator";
  static final String DATABASE = "postgres";

  /** Where the generated passwords of a data directory live: {@code <dir>.secrets}, next to it. */
  static Path secretsDirectory(Path dataDirectory) {
    Path abs = dataDirectory.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".secrets");
  }

  static EmbeddedStateStore start(Path dir) {
    Path secrets = secretsDirectory(dir);
    LocalPostgres pg = LocalPostgres.start(settings(dir));
    try {
      Properties migrator =
          login(MIGRATOR, LocalPostgres.storedSecret(secrets, MIGRATOR + ".password"));
      Properties bot = login(BOT, LocalPostgres.storedSecret(secrets, BOT + ".password"));
      try (Connection su =
              DriverManager.getConnection(pg.jdbcUrl(DATABASE), pg.superuserProperties());
          Statement st = su.createStatement()) {
        role(st, migrator);
        role(st, bot);
        st.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
        st.execute("GRANT CONNECT, CREATE ON DATABASE " + DATABASE + " TO " + MIGRATOR);
        st.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + BOT);
        st.execute("ALTER SCHEMA public OWNER TO " + MIGRATOR);
        st.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        handOver(st);
      }
      PGSimpleDataSource asMigrator = dataSource(pg, migrator);
      Flyway.configure().dataSource(asMigrator).locations("classpath:db/state").load().migrate();
      AuditLog.open(asMigrator, Clock.systemUTC(), "embedded PostgreSQL in " + dir);
      try (Connection c = asMigrator.getConnection();
          Statement st = c.createStatement()) {
        grantBot(st);
      }
      return new EmbeddedStateStore(pg, bot);
    } catch (SQLException | RuntimeException e) {
      pg.close();
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot prepare the embedded state store in "
              + dir
              + ": "
              + e.getMessage()
              + ": check that WARDEN_STATE_DIR is writable and not used by another running"
              + " warden, or set WARDEN_STATE_URL to an external PostgreSQL",
          e);
    }
  }

  /** How the server is started, at first and by {@link StoreSupervisor} after it died. */
  static LocalPostgresSettings settings(Path dir) {
    // Not cleaned: the directory is the queue's durability and the audit log. initdb runs only when
    // it is empty.
    return LocalPostgresSettings.persistent(dir, secretsDirectory(dir))
        .withServerConfig("max_connections", "100")
        .withServerConfig("timezone", "UTC");
  }

  private static Properties login(String user, String password) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return p;
  }

  static PGSimpleDataSource dataSource(LocalPostgres pg, Properties login) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(pg.jdbcUrl(DATABASE));
    ds.setUser(login.getProperty("user"));
    ds.setPassword(login.getProperty("password"));
    ds.setApplicationName("schema-warden-state");
    return ds;
  }

  /** Creates the role or brings it back to a plain login with the stored password (it is ours to keep). */
  private static void role(Statement st, Properties login) throws SQLException {
    String name = login.getProperty("user");
    String attrs =
        " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
            + login.getProperty("password")
            + "'";
    st.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
            + name
            + "') THEN"
            + " CREATE ROLE "
            + name
            + "; END IF; END $$");
    st.execute("ALTER ROLE " + name + attrs);
  }

  /** Stores from before the roles belonged to the superuser: the migration role takes over their objects. */
  private static void handOver(Statement st) throws SQLException {
    st.execute(
        """
        DO $$ DECLARE r record;
        BEGIN
          IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'warden_audit') THEN
            EXECUTE 'ALTER SCHEMA warden_audit OWNER TO warden_migrator';
          END IF;
          -- tables and views; sequences owned by a column follow their table
          FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname IN ('public', 'warden_audit') AND c.relkind IN ('r', 'p', 'v', 'm')
                AND c.relowner <> 'warden_migrator'::regrole LOOP
            EXECUTE format('ALTER TABLE %s OWNER TO warden_migrator', r.name);
          END LOOP;
          FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname IN ('public', 'warden_audit') AND p.proowner <> 'warden_migrator'::regrole LOOP
            EXECUTE format('ALTER FUNCTION %s OWNER TO warden_migrator', r.name);
          END LOOP;
        END $$""");
  }

  /** The bot's privileges, granted again at every start so tables added by a migration are covered. */
  private static void grantBot(Statement st) throws SQLException {
    st.execute("GRANT USAGE ON SCHEMA public TO " + BOT);
    st.execute("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + BOT);
    st.execute("REVOKE INSERT, UPDATE ON public.flyway_schema_history FROM " + BOT);
    // DELETE only where retention prunes (Retention.TABLES): never on the audit log or the Flyway
    // history.
    for (Retention.PrunedTable t : Retention.TABLES) {
      st.execute("GRANT DELETE ON public." + t.table() + " TO " + BOT);
    }
    st.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + BOT);
    st.execute("GRANT USAGE ON SCHEMA " + AuditLog.SCHEMA + " TO " + BOT);
    st.execute("GRANT SELECT, INSERT ON " + AuditLog.SCHEMA + ".audit_log TO " + BOT);
    st.execute("GRANT SELECT ON " + AuditLog.SCHEMA + "." + AuditLog.HISTORY_TABLE + " TO " + BOT);
  }
}
