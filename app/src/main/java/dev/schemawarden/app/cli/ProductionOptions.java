package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.ProductionConnections;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command that reads production ({@code snapshot}, {@code diagnose}) is given its role and limits: the
 * password only through an environment variable, every wait bounded ({@link ProductionConnections}).
 */
final class ProductionOptions {

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = "The read-only role (the snapshot role).")
  String user;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Environment variable holding the password.")
  String passwordEnv;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      description = "TCP connect and login, e.g. 10s (default 10s).")
  String connectTimeout;

  @Option(
      names = "--socket-timeout",
      paramLabel = "DURATION",
      description =
          "Longest wait for any answer from the server; longer than the statement timeout, 0 for none"
              + " (default 90s).")
  String socketTimeout;

  @Option(
      names = "--statement-timeout",
      paramLabel = "DURATION",
      description = "Statement_timeout (default 60s).")
  String statementTimeout;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      description = "Lock_timeout (default 10s).")
  String lockTimeout;

  Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password from {@code --password-env}; an unset variable is a usage error, never an empty password. */
  Optional<String> password() {
    if (passwordEnv == null) {
      return Optional.empty();
    }
    Optional<String> password = Optional.ofNullable(System.getenv(passwordEnv));
    if (password.isEmpty()) {
      throw new WardenException(
          ErrorCode.USAGE,
          "--password-env "
              + passwordEnv
              + " names an unset environment"
              + " variable; export it or leave the option out");
    }
    return password;
  }

  /** The defaults, then {@code WARDEN_PG_*_TIMEOUT}, then the flags. */
  ProductionConnections.Timeouts timeouts() {
    return ProductionConnections.Timeouts.defaults()
        .withEnvironment(System::getenv)
        .with(
            flag(connectTimeout, "--connect-timeout"),
            flag(socketTimeout, "--socket-timeout"),
            flag(statementTimeout, "--statement-timeout"),
            flag(lockTimeout, "--lock-timeout"));
  }

  /** Runs {@code work} on a read-only connection to {@code url}; failures are one line naming the host. */
  <T> T readOnly(
      String url, String applicationName, String doing, ProductionConnections.Work<T> work) {
    return ProductionConnections.with(
        url, user(), password(), applicationName, true, timeouts(), doing, work);
  }

  private static Optional<Duration> flag(String value, String name) {
    return Optional.ofNullable(value).map(v -> ProductionConnections.parse(v, name));
  }
}
