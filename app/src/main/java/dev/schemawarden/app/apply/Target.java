package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.app.config.EnvironmentsConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A database to apply to: an environment's name and its connection. The password is held only here and only in
 * memory; {@link #toString()} and {@link #display()} never show it.
 *
 * @param policy the environment's policy file, relative to the repository root; empty: the repository's policy
 */
public record Target(String name, String url, Optional<String> user, Optional<String> password,
    Optional<String> policy) {

  public Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(policy, "policy");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new WardenException(ErrorCode.CONFIG, "environment " + name + ": " + Secrets.redact(url)
          + " is not a PostgreSQL JDBC URL: write jdbc:postgresql://HOST:PORT/DATABASE");
    }
  }

  /** An environment from the config, its connection read from the environment variables it names. */
  public static Target fromEnvironment(EnvironmentsConfig.Environment env, Map<String, String> vars) {
    String url = Optional.ofNullable(vars.get(env.urlEnv())).filter(s -> !s.isBlank()).orElseThrow(
        () -> new WardenException(ErrorCode.CONFIG, ".schemawarden.yml:" + env.line() + ": environment " + env.name()
            + ": variable " + env.urlEnv() + " is not set: export it with the JDBC URL of " + env.name()));
    return new Target(env.name(), url, env.userEnv().map(vars::get), env.passwordEnv().map(vars::get), env.policy());
  }

  public Connection connect() {
    return connect("schema-warden-apply");
  }

  /** A connection that shows as {@code applicationName} in {@code pg_stat_activity}. */
  public Connection connect(String applicationName) {
    Properties p = new Properties();
    user.ifPresent(u -> p.setProperty("user", u));
    password.ifPresent(pw -> p.setProperty("password", pw));
    p.setProperty("ApplicationName", applicationName);
    try {
      return DriverManager.getConnection(url, p);
    } catch (SQLException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot connect to environment " + name + " ("
          + display() + "): " + Secrets.redact(e.getMessage()) + "; check the URL and credentials variables", e);
    }
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
