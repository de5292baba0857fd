package dev.schemawarden.analyzers.api;

import java.util.List;

/**
 * One database engine's knowledge: how its SQL splits and classifies, what must run outside a transaction,
 * which locks statements take, and its own rules. Discovered with {@link java.util.ServiceLoader}.
 */
public interface DatabaseEngine {

  /** Stable id used in config and rule metadata, e.g. {@code postgres}. */
  String id();

  /** True for a dialect name ({@code postgres}, {@code postgresql}) or a JDBC URL of this engine. */
  boolean supports(String dialectOrJdbcUrl);

  /** Higher wins when several engines support the same name. */
  default int priority() {
    return 0;
  }

  SqlParser parser();

  /**
   * The production server version assumed when the configuration names none ({@code engine-version}): the
   * version rules judge for. The newest long-term release of the engine.
   */
  default ServerVersion defaultVersion() {
    return ServerVersion.DEFAULT_POSTGRES;
  }

  /**
   * True for statements {@code version} of the server refuses inside a transaction block (e.g. CREATE INDEX
   * CONCURRENTLY; PostgreSQL's {@code ALTER TYPE ... ADD VALUE} only before 12). The engine's one table: every
   * caller (lint, trace, apply, Flyway's fallback) asks here.
   */
  boolean mustRunOutsideTransaction(SqlStatement statement, ServerVersion version);

  /** The locks {@code change} is expected to take on pre-existing relations, for {@code version}. */
  List<PredictedLock> predictLocks(Change change, ServerVersion version);
}
