package dev.schemawarden.replica.api;

import dev.schemawarden.analyzers.api.LockTracer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * One throwaway clone of a template database, with its own sandbox role: a non-superuser that owns only this
 * database and its objects. Closing it drops the database and the role.
 */
public interface Replica extends AutoCloseable {

  /** The clone's database name ({@code warden_r_<epoch>_<random>}). */
  String database();

  /** The sandbox role's name. */
  String role();

  /** The PostgreSQL version of the server it lives on. */
  dev.schemawarden.analyzers.api.ServerVersion serverVersion();

  /**
   * A new connection as the sandbox role, with the sandbox's statement_timeout and lock_timeout; refused with the
   * reason once the watchdog stopped the clone.
   */
  Connection connect() throws SQLException;

  /**
   * How the tracer opens its connections to this replica; it also hands the tracer {@link #stopReason()}, so a
   * statement the watchdog stopped is reported with the watchdog's reason.
   */
  default LockTracer.Connections connections() {
    Replica replica = this;
    return new LockTracer.Connections() {
      @Override
      public Connection open() throws SQLException {
        return replica.connect();
      }

      @Override
      public Optional<String> stopReason() {
        return replica.stopReason();
      }
    };
  }

  /**
   * Why the watchdog, which enforces the budgets from outside the sandbox session, last stopped work on this
   * replica: a statement it cancelled or whose backend it terminated, or the whole clone (review budget, size cap),
   * after which {@link #connect()} is refused. Empty while it never had to.
   */
  default Optional<String> stopReason() {
    return Optional.empty();
  }

  /** How long {@code CREATE DATABASE ... TEMPLATE} and the ownership hand-over took. */
  Duration cloneTime();

  /** Drops the clone and its role; never throws for a replica already gone. */
  @Override
  void close();
}
