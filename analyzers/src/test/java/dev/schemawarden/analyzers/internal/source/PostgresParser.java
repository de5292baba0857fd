package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.SqlParser;

/** The real PostgreSQL parser the sources are given in production. */
final class PostgresParser {
  static final SqlParser INSTANCE = Engines.forName("postgres").parser();

  private PostgresParser() {}
}
