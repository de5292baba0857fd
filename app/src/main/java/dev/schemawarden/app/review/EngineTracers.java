package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.OnlineDdl;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The trace stage's tracer, chosen by the configured engine: MySQL/MariaDB's for those, PostgreSQL's otherwise. */
public final class EngineTracers implements Tracer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineTracers.class);

  private final Tracer postgres;
  private final Tracer mysql;

  public EngineTracers(Tracer postgres, Tracer mysql) {
    this.postgres = Objects.requireNonNull(postgres, "postgres");
    this.mysql = Objects.requireNonNull(mysql, "mysql");
  }

  @Override
  public TraceOutcome run(TraceInput input) {
    return (OnlineDdl.mysqlFamily(input.config().engine()) ? mysql : postgres).run(input);
  }

  @Override
  public void close() {
    for (Tracer t : List.of(postgres, mysql)) {
      if (t instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.warn("closing a tracer failed: {}", e.toString());
        }
      }
    }
  }
}
