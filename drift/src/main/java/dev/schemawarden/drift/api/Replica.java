package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.LockTracer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

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

  /** A new connection as the sandbox role, with the sandbox's statement_timeout and lock_timeout. */
  Connection connect() throws SQLException;

  /** How the tracer opens its connections to this replica. */
  default LockTracer.Connections connections() {
    return this::connect;
  }

  /** How long {@code CREATE DATABASE ... TEMPLATE} and the ownership hand-over took. */
  Duration cloneTime();

  /** Drops the clone and its role; never throws for a replica already gone. */
  @Override
  void close();
}
