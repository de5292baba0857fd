package dev.schemawarden.drift.internal.mysql;

import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;

/**
 * One embedded MariaDB for every MySQL test class of the drift module in a test JVM: starting one costs 10-60 s on
 * a loaded CI machine, and each class works in databases of its own (sandboxes, {@code shop}). Stopped when the
 * JVM exits. performance_schema is on (it can only be set at start), as on most production servers: diagnose reads
 * its counters.
 */
final class SharedMariadb {
  private static EmbeddedMariadb server;

  private SharedMariadb() {}

  static synchronized EmbeddedMariadb get() throws Exception {
    if (server == null) {
      EmbeddedMariadb started = EmbeddedMariadb.start("--performance-schema=ON");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (Exception e) {
          // the JVM is exiting: the server's directory is a temp one
        }
      }, "shared-mariadb-stop"));
      server = started;
    }
    return server;
  }
}
