package dev.schemawarden.replica.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.replica.api.LocalPostgres;
import dev.schemawarden.replica.api.LocalPostgresSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Real servers started by the launcher: who runs them, what they see, who may log in, and stale owners. */
class LocalPostgresTest {
  static Path base;
  static LocalPostgres pg;

  @BeforeAll
  static void start() throws IOException {
    base = traversableTempDir();
    pg =
        LocalPostgres.start(
            LocalPostgresSettings.scratch(base.resolve("scratch"))
                .withServerConfig("fsync", "off"));
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
    FileTrees.deleteOrThrow(base);
  }

  /** A temp directory the unprivileged server user may pass through (JUnit's @TempDir is 700). */
  static Path traversableTempDir() throws IOException {
    Path dir = Files.createTempDirectory("warden-localpg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  static Connection connect(LocalPostgres server, String user, String password)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(server.jdbcUrl("postgres"), p);
  }

  static String query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Nested
  class The_server_process {
    @Test
    void runs_as_an_unprivileged_os_user_when_we_are_root() throws IOException {
      assumeTrue(
          OsUser.effectiveUid() == 0,
          "the JVM does not run as root: the server runs as the current user");
      String user =
          Processes.capture(List.of("ps", "-o", "user=", "-p", Long.toString(pg.pid()))).strip();
      assertThat(user)
          .as("the postmaster must not run as root")
          .isNotEmpty()
          .isNotEqualTo("root")
          .isEqualTo(pg.osUser());
    }

    @Test
    void sees_none_of_the_jvms_environment() throws IOException {
      assertThat(System.getenv())
          .as("the JVM has variables the server must not inherit")
          .containsKey("PATH");
      byte[] env = Files.readAllBytes(Path.of("/proc/" + pg.pid() + "/environ"));
      Set<String> names =
          Arrays.stream(new String(env, StandardCharsets.UTF_8).split("\0"))
              .filter(s -> s.contains("="))
              .map(s -> s.substring(0, s.indexOf('=')))
              .collect(Collectors.toSet());
      assertThat(names)
          .as("only the launcher's variables reach the postmaster")
          .isSubsetOf(Processes.ENV.keySet())
          .contains("PATH");
    }

    @Test
    void owns_its_data_directory_with_mode_700() throws IOException {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pg.dataDirectory())))
          .as("no other OS user may read the cluster")
          .isEqualTo("rwx------");
      assertThat(Files.getOwner(pg.dataDirectory()).getName()).isEqualTo(pg.osUser());
    }

    @Test
    void cannot_read_the_jvms_home_when_we_are_root() throws SQLException {
      assumeTrue(OsUser.effectiveUid() == 0, "the JVM does not run as root");
      try (Connection c = connect(pg, LocalPostgres.SUPERUSER, pg.superuserPassword())) {
        assertThatThrownBy(() -> query(c, "SELECT pg_read_file('/root/.bashrc')"))
            .as(
                "even the superuser's server-side file access is limited to what the OS user may read")
            .hasMessageContaining("ermission denied");
      }
    }
  }

  @Nested
  class Logins {
    @Test
    void the_superuser_password_lets_in() throws SQLException {
      try (Connection c = connect(pg, LocalPostgres.SUPERUSER, pg.superuserPassword())) {
        assertThat(query(c, "SELECT current_user")).isEqualTo("postgres");
        assertThat(query(c, "SHOW unix_socket_directories"))
            .as("no Unix socket to log in through")
            .isEmpty();
        assertThat(query(c, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
      }
    }

    @Test
    void no_password_is_refused() {
      assertThatThrownBy(() -> connect(pg, LocalPostgres.SUPERUSER, null).close())
          .as("trust authentication is gone")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password");
    }

    @Test
    void a_wrong_password_is_refused() {
      assertThatThrownBy(() -> connect(pg, LocalPostgres.SUPERUSER, "postgres").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
    }

    @Test
    void reserved_settings_cannot_open_the_server() {
      assertThatThrownBy(
              () -> LocalPostgresSettings.scratch(base).withServerConfig("listen_addresses", "*"))
          .hasMessageContaining("listen_addresses");
    }
  }

  @Nested
  class Owners {
    @Test
    void a_server_left_by_a_dead_owner_is_stopped_and_its_data_reused() throws Exception {
      Path data = base.resolve("persistent");
      Path secrets = base.resolve("persistent.secrets");
      LocalPostgresSettings settings = LocalPostgresSettings.persistent(data, secrets);
      LocalPostgres first = LocalPostgres.start(settings);
      try (Connection c = connect(first, LocalPostgres.SUPERUSER, first.superuserPassword());
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE kept (x int)");
      }
      Files.writeString(data.resolve(Owner.FILE), deadPid() + " 1\n");
      try (LocalPostgres second = LocalPostgres.start(settings)) {
        assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false))
            .as("the stale postmaster was stopped")
            .isFalse();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(second.superuserPassword())
            .as("the stored password")
            .isEqualTo(first.superuserPassword());
        try (Connection c = connect(second, LocalPostgres.SUPERUSER, second.superuserPassword())) {
          assertThat(query(c, "SELECT count(*) FROM pg_class WHERE relname = 'kept'"))
              .isEqualTo("1");
        }
        assertThat(
                PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(
                        secrets.resolve(LocalPostgresServer.PASSWORD_FILE))))
            .isEqualTo("rw-------");
      } finally {
        first.close();
      }
    }

    @Test
    void a_directory_whose_owner_is_alive_is_in_use() throws Exception {
      Path data = base.resolve("busy");
      try (LocalPostgres server = LocalPostgres.start(LocalPostgresSettings.scratch(data))) {
        Process owner = new ProcessBuilder("sleep", "60").start();
        try {
          Files.writeString(
              data.resolve(Owner.FILE),
              owner.pid() + " " + owner.info().startInstant().orElseThrow().toEpochMilli() + "\n");
          assertThat(LocalPostgres.releaseIfAbandoned(data)).as("its owner still runs").isFalse();
          assertThatThrownBy(() -> LocalPostgres.start(LocalPostgresSettings.scratch(data)))
              .hasMessageContaining("in use by process " + owner.pid());
          assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive)).hasValue(true);
        } finally {
          owner.destroyForcibly().waitFor();
        }
        assertThat(LocalPostgres.releaseIfAbandoned(data)).as("its owner is gone").isTrue();
        assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false))
            .as("released means its server was stopped")
            .isFalse();
      }
    }
  }

  @Nested
  class Hostile_setups {
    @Test
    void a_second_start_in_the_same_process_does_not_stop_the_first() {
      assertThatThrownBy(
              () -> LocalPostgres.start(LocalPostgresSettings.scratch(pg.dataDirectory())))
          .hasMessageContaining("in use by process " + ProcessHandle.current().pid());
      assertThat(ProcessHandle.of(pg.pid()).map(ProcessHandle::isAlive)).hasValue(true);
    }

    @Test
    void a_planted_directory_naming_another_servers_pid_never_gets_it_stopped() throws Exception {
      // what anyone may write into a shared /dev/shm: a "stale" directory whose postmaster.pid
      // names our server
      Path planted = Files.createDirectory(base.resolve("schemawarden-pg-1-planted"));
      Files.writeString(planted.resolve("postmaster.pid"), pg.pid() + "\n" + planted + "\n");
      Files.writeString(planted.resolve(Owner.FILE), deadPid() + " 1\n");
      Path link =
          Files.createSymbolicLink(base.resolve("schemawarden-pg-2-link"), pg.dataDirectory());

      assertThat(LocalPostgres.releaseIfAbandoned(link))
          .as("a symbolic link is never released")
          .isFalse();
      assertThat(LocalPostgres.releaseIfAbandoned(planted))
          .as("nothing runs there: free to remove")
          .isTrue();
      assertThat(ProcessHandle.of(pg.pid()).map(ProcessHandle::isAlive))
          .as("the server works in its own directory, not the planted one: never signalled")
          .hasValue(true);
      try (Connection c = connect(pg, LocalPostgres.SUPERUSER, pg.superuserPassword())) {
        assertThat(c.isValid(2)).isTrue();
      }
    }

    @Test
    void a_binaries_cache_others_may_write_is_refused() throws IOException {
      Path cache = Files.createDirectory(base.resolve("shared-cache"));
      Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
      assertThatThrownBy(() -> PostgresBinaries.install(java.util.Optional.empty(), cache))
          .as("someone else could swap the postgres binary the server runs")
          .hasMessageContaining(cache.toString())
          .hasMessageContaining("WARDEN_POSTGRES_CACHE");
    }
  }

  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
