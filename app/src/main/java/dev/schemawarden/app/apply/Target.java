package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.app.config.EnvironmentsConfig;
import dev.schemawarden.app.config.ProductionConnections;
import java.sql.Connection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A database to apply to: an environment's name and its connection. The password is held only here and only in
 * memory; {@link #toString()} and {@link #display()} never show it.
 *
 * @param policy the environment's policy file, relative to the repository root; empty: the repository's policy
 * @param timeouts every connection's limits ({@link ProductionConnections}); apply's statement and lock timeouts
 *     are set again per statement by {@code StatementRunner} and Flyway's init SQL
 */
public record Target(
    String name,
    String url,
    Optional<String> user,
    Optional<String> password,
    Optional<String> policy,
    ProductionConnections.Timeouts timeouts) {

  /** Apply's defaults: connect 10 s, lock_timeout 3 s, no statement_timeout and so no socket timeout. */
  public static final ProductionConnections.Timeouts APPLY_TIMEOUTS =
      ProductionConnections.Timeouts.forApply(
          ProductionConnections.Timeouts.defaults().connect(),
          ApplySettings.defaults().statementTimeout(),
          ApplySettings.defaults().lockTimeout());

  public Target(
      String name,
      String url,
      Optional<String> user,
      Optional<String> password,
      Optional<String> policy) {
    this(name, url, user, password, policy, APPLY_TIMEOUTS);
  }

  public Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(timeouts, "timeouts");
    if (!url.startsWith("jdbc:postgresql:") && !ProductionConnections.mysqlFamily(url)) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "environment "
              + name
              + ": "
              + Secrets.redact(url)
              + " is not a PostgreSQL, MySQL or MariaDB JDBC URL: write jdbc:postgresql://HOST:PORT/DATABASE,"
              + " jdbc:mysql://HOST:PORT/DATABASE or jdbc:mariadb://HOST:PORT/DATABASE");
    }
  }

  /** An environment from the config, its connection read from the environment variables it names. */
  public static Target fromEnvironment(
      EnvironmentsConfig.Environment env, Map<String, String> vars) {
    String url =
        Optional.ofNullable(vars.get(env.urlEnv()))
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        ".schemawarden.yml:"
                            + env.line()
                            + ": environment "
                            + env.name()
                            + ": variable "
                            + env.urlEnv()
                            + " is not set: export it with the JDBC URL of "
                            + env.name()));
    return new Target(
        env.name(),
        url,
        env.userEnv().map(vars::get),
        env.passwordEnv().map(vars::get),
        env.policy());
  }

  public Connection connect() {
    return connect("schema-warden-apply");
  }

  /**
   * A connection that shows as {@code applicationName} in {@code pg_stat_activity}, with {@link #timeouts}; a
   * failure is one line naming the environment and its host.
   */
  public Connection connect(String applicationName) {
    return ProductionConnections.open(
        url,
        user,
        password,
        applicationName,
        false,
        timeouts,
        "cannot connect to environment " + name + " at");
  }

  /** The same connections, for Flyway, which opens its own. */
  public DataSource dataSource(String applicationName) {
    return ProductionConnections.dataSource(
        url,
        user,
        password,
        applicationName,
        timeouts,
        "cannot connect to environment " + name + " at");
  }

  public Target withTimeouts(ProductionConnections.Timeouts newTimeouts) {
    return new Target(name, url, user, password, policy, newTimeouts);
  }

  /** The URL without secrets. */
  public String display() {
    return Secrets.redact(url);
  }

  @Override
  public String toString() {
    return "Target[" + name + ", " + display() + "]";
  }
}
