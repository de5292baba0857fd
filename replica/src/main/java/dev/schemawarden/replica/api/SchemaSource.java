package dev.schemawarden.replica.api;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import java.util.Objects;

/**
 * What a replica's schema is built from: production's schema-only dump ({@code pg_dump -s} text), or, when there is
 * no snapshot, the base branch's migration history replayed in order, or a JSON schema snapshot rendered to DDL.
 */
public sealed interface SchemaSource {

  /** SHA-256 of the DDL, hex: the key of the template database built from it. */
  String hash();

  /** A schema-only SQL dump; psql meta-commands (lines starting with a backslash) are skipped. */
  record SqlDump(String sql) implements SchemaSource {
    public SqlDump {
      Objects.requireNonNull(sql, "sql");
    }

    @Override
    public String hash() {
      return Sha256.hex("dump\n" + sql);
    }
  }

  /**
   * Migrations already applied to production, replayed statement by statement. Undo and down migrations are
   * dropped here, for every replay (trace, drift, expected schemas): they are what a rollback runs, never how the
   * state was reached, and replaying them after the rest empties the schema.
   */
  record MigrationHistory(List<Migration> migrations) implements SchemaSource {
    public MigrationHistory {
      migrations =
          migrations.stream()
              .filter(m -> m.kind() != Migration.Kind.UNDO && m.kind() != Migration.Kind.DOWN)
              .toList();
    }

    @Override
    public String hash() {
      // The tool is part of the key: the replay starts with the tool's own bookkeeping table.
      StringBuilder sb = new StringBuilder("history\n");
      if (!migrations.isEmpty()) {
        sb.append(migrations.get(0).tool().configName()).append('\n');
      }
      for (Migration m : migrations) {
        sb.append(m.path()).append('\n');
        if (!m.replay().equals(Migration.Replay.ALWAYS)) {
          // Preconditions and failOnError decide what the replay runs: they are part of what the
          // template is.
          sb.append("-- replay: ").append(m.replay().describe()).append('\n');
        }
        for (SqlStatement s : m.statements()) {
          sb.append(s.sql()).append("\n;\n");
        }
      }
      return Sha256.hex(sb.toString());
    }
  }

  /**
   * A schema snapshot ({@code warden snapshot}) already rendered to DDL without ownership and grants (drift's
   * {@code Snapshots.source}): the replica's sandbox role owns everything anyway, and production's roles need not
   * exist on the replica server. {@code statements} is {@code ddl} one statement per element: run one by one, since
   * the JDBC driver cannot split every form (e.g. {@code BEGIN ATOMIC} bodies) when the script is sent as one.
   */
  record Snapshot(String ddl, List<String> statements) implements SchemaSource {
    public Snapshot {
      Objects.requireNonNull(ddl, "ddl");
      statements = List.copyOf(statements);
    }

    @Override
    public String hash() {
      return Sha256.hex("snapshot\n" + ddl);
    }
  }
}
