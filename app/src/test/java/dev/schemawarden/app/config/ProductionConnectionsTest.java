package dev.schemawarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The limits every connection to production gets, and where they come from. */
class ProductionConnectionsTest {
  private static final ProductionConnections.Timeouts DEFAULTS =
      ProductionConnections.Timeouts.defaults();

  @Test
  void defaults_bound_every_wait_and_the_socket_outlasts_the_statement() {
    assertThat(DEFAULTS.connect()).isEqualTo(Duration.ofSeconds(10));
    assertThat(DEFAULTS.statement()).isEqualTo(Duration.ofSeconds(60));
    assertThat(DEFAULTS.lock()).isEqualTo(Duration.ofSeconds(10));
    assertThat(DEFAULTS.socket())
        .as("the server's own cancel must arrive before the read gives up")
        .isGreaterThan(DEFAULTS.statement());
  }

  @Test
  void
      environment_variables_override_the_defaults_and_a_raised_statement_timeout_drags_the_socket_along() {
    ProductionConnections.Timeouts t =
        DEFAULTS.withEnvironment(
            Map.of(
                    "WARDEN_PG_CONNECT_TIMEOUT",
                    "3s",
                    "WARDEN_PG_STATEMENT_TIMEOUT",
                    "5min",
                    "WARDEN_PG_LOCK_TIMEOUT",
                    "500ms")
                ::get);
    assertThat(t.connect()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.lock()).isEqualTo(Duration.ofMillis(500));
    assertThat(t.socket())
        .as("5 min statements need a longer read timeout than 90 s")
        .isEqualTo(Duration.ofMinutes(5).plusSeconds(30));
  }

  @Test
  void a_flag_wins_over_the_environment() {
    ProductionConnections.Timeouts t =
        DEFAULTS
            .withEnvironment(Map.of("WARDEN_PG_CONNECT_TIMEOUT", "3s")::get)
            .with(
                Optional.of(Duration.ofSeconds(2)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    assertThat(t.connect()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void apply_has_no_read_timeout_without_a_statement_budget_and_one_past_it_with_one() {
    assertThat(
            ProductionConnections.Timeouts.forApply(
                    Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(3))
                .socket())
        .as("a CREATE INDEX CONCURRENTLY may run for hours: no read timeout")
        .isZero();
    assertThat(
            ProductionConnections.Timeouts.forApply(
                    Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(3))
                .socket())
        .isEqualTo(Duration.ofMinutes(10).plusSeconds(30));
  }

  @Test
  void bad_values_are_one_line_naming_the_setting() {
    assertThatThrownBy(
            () -> DEFAULTS.withEnvironment(Map.of("WARDEN_PG_SOCKET_TIMEOUT", "soon")::get))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("WARDEN_PG_SOCKET_TIMEOUT 'soon' is not a duration");
    assertThatThrownBy(
            () -> DEFAULTS.withEnvironment(Map.of("WARDEN_PG_SOCKET_TIMEOUT", "30s")::get))
        .as("a read timeout shorter than the statement's would break the connection mid-statement")
        .hasMessageContaining("must be longer than the statement timeout");
    assertThat(DEFAULTS.withEnvironment(Map.of("WARDEN_PG_STATEMENT_TIMEOUT", "0")::get).socket())
        .as("0 is none, for both")
        .isZero();
  }

  @Test
  void messages_name_the_host_never_the_credentials_or_query() {
    assertThat(ProductionConnections.host("jdbc:postgresql://db.prod:5432/shop?user=u&password=p"))
        .isEqualTo("db.prod:5432");
    assertThat(ProductionConnections.host("jdbc:postgresql://u:secret@db.prod/shop"))
        .isEqualTo("db.prod");
    assertThat(ProductionConnections.host("postgres://secret@x")).doesNotContain("secret");
  }

  @Test
  void mysql_and_mariadb_urls_are_theirs_and_name_only_their_host() {
    assertThat(
            ProductionConnections.host("jdbc:mariadb://db.prod:3306/shop?user=u&password=secret"))
        .isEqualTo("db.prod:3306");
    assertThat(ProductionConnections.host("jdbc:mysql://u:secret@db.prod/shop"))
        .isEqualTo("db.prod");
    assertThat(ProductionConnections.mysqlFamily("JDBC:MySQL://db/shop"))
        .as("the MariaDB driver's business")
        .isTrue();
    assertThat(ProductionConnections.mysqlFamily("jdbc:postgresql://db/shop")).isFalse();
  }
}
