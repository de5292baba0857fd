package dev.schemawarden.drift.internal.mysql;

import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;

/** The drift module's MySQL tests' server: {@link EmbeddedMariadb#shared()}, one per test JVM. */
final class SharedMariadb {
  private SharedMariadb() {}

  static EmbeddedMariadb get() throws Exception {
    return EmbeddedMariadb.shared();
  }
}
