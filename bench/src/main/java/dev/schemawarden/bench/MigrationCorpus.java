package dev.schemawarden.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a realistic PostgreSQL migration corpus, deterministic for a seed: the mix a busy service's history
 * shows (tables with constraints, indexes built concurrently, added columns, NOT VALID foreign keys and their
 * validation, backfills in batches, enum values, functions with dollar-quoted bodies, comments and suppression
 * directives, lock_timeout settings, the occasional psql meta-command and COPY data).
 */
public final class MigrationCorpus {
  private static final String[] TYPES = {
    "bigint",
    "integer",
    "text",
    "varchar(120)",
    "numeric(12,2)",
    "timestamptz",
    "boolean",
    "jsonb",
    "uuid",
    "date"
  };

  private final Random random;
  private final List<String> tables = new ArrayList<>();
  private int counter;

  public MigrationCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** {@code files} migration files of roughly {@code statementsPerFile} statements each. */
  public List<String> files(int files, int statementsPerFile) {
    List<String> out = new ArrayList<>(files);
    for (int f = 0; f < files; f++) {
      out.add(file(statementsPerFile));
    }
    return out;
  }

  private String file(int statements) {
    StringBuilder sb = new StringBuilder(statements * 120);
    sb.append("-- migration ").append(++counter).append(": generated\n");
    sb.append("SET lock_timeout TO '3s';\n");
    for (int i = 1; i < statements; i++) {
      sb.append(statement()).append('\n');
    }
    return sb.toString();
  }

  private String table() {
    if (tables.isEmpty() || random.nextInt(10) == 0) {
      return createTableName();
    }
    return tables.get(random.nextInt(tables.size()));
  }

  private String createTableName() {
    String name = "app.t" + tables.size();
    tables.add(name);
    return name;
  }

  private String column() {
    return "c" + random.nextInt(40);
  }

  private String type() {
    return TYPES[random.nextInt(TYPES.length)];
  }

  private String statement() {
    int kind = random.nextInt(100);
    String t = table();
    if (kind < 12) {
      String name = createTableName();
      StringBuilder sb =
          new StringBuilder("CREATE TABLE IF NOT EXISTS ")
              .append(name)
              .append(" (\n")
              .append("  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n");
      int cols = 3 + random.nextInt(8);
      for (int c = 0; c < cols; c++) {
        sb.append("  c")
            .append(c)
            .append(' ')
            .append(type())
            .append(random.nextBoolean() ? " NOT NULL" : "")
            .append(random.nextInt(4) == 0 ? " DEFAULT now()" : "")
            .append(",\n");
      }
      sb.append("  created_at timestamp with time zone NOT NULL DEFAULT now(),\n")
          .append("  CONSTRAINT ")
          .append(name.substring(4))
          .append("_ck CHECK (id > 0)\n);");
      return sb.toString();
    }
    if (kind < 27) {
      return "-- warden:ignore LK101 small table\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_"
          + (++counter)
          + " ON "
          + t
          + " USING btree ("
          + column()
          + ", created_at DESC) WHERE deleted_at IS NULL;";
    }
    if (kind < 40) {
      return "ALTER TABLE "
          + t
          + " ADD COLUMN IF NOT EXISTS "
          + column()
          + " "
          + type()
          + (random.nextBoolean() ? " DEFAULT 0" : "")
          + ";";
    }
    if (kind < 47) {
      String fk = "fk_" + (++counter);
      return "ALTER TABLE "
          + t
          + " ADD CONSTRAINT "
          + fk
          + " FOREIGN KEY ("
          + column()
          + ") REFERENCES "
          + table()
          + " (id) NOT VALID;\nALTER TABLE "
          + t
          + " VALIDATE CONSTRAINT "
          + fk
          + ";";
    }
    if (kind < 55) {
      return "ALTER TABLE "
          + t
          + " ALTER COLUMN "
          + column()
          + " TYPE varchar(255), ALTER COLUMN "
          + column()
          + " SET NOT NULL;";
    }
    if (kind < 65) {
      return "UPDATE "
          + t
          + " SET "
          + column()
          + " = 'backfilled; ok', updated_at = now()\n  WHERE id BETWEEN "
          + random.nextInt(1_000_000)
          + " AND "
          + random.nextInt(2_000_000)
          + " AND "
          + column()
          + " IS NULL;";
    }
    if (kind < 70) {
      return "INSERT INTO "
          + t
          + " ("
          + column()
          + ", note) VALUES ("
          + random.nextInt()
          + ", E'line\\nbreak'),"
          + " (2, 'it''s');";
    }
    if (kind < 74) {
      return "CREATE OR REPLACE FUNCTION app.touch_"
          + (++counter)
          + "() RETURNS trigger AS $fn$\nBEGIN\n"
          + "  NEW.updated_at := now(); -- keep in sync\n  RETURN NEW;\nEND;\n$fn$ LANGUAGE plpgsql;";
    }
    if (kind < 77) {
      return "ALTER TYPE app.status ADD VALUE IF NOT EXISTS 'v" + (++counter) + "' AFTER 'active';";
    }
    if (kind < 80) {
      return "COMMENT ON COLUMN " + t + "." + column() + " IS 'Customer-facing; see /* docs */';";
    }
    if (kind < 83) {
      return "DROP INDEX CONCURRENTLY IF EXISTS app.idx_old_" + random.nextInt(500) + ";";
    }
    if (kind < 86) {
      return "/* reviewed by dba /* nested */ */\nALTER TABLE "
          + t
          + " RENAME COLUMN "
          + column()
          + " TO "
          + column()
          + "_old;";
    }
    if (kind < 88) {
      return "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting') THEN\n"
          + "    CREATE ROLE reporting;\n  END IF;\nEND\n$$;";
    }
    if (kind < 90) {
      return "GRANT SELECT ON " + t + " TO reporting;";
    }
    if (kind < 92) {
      return "COPY " + t + " (id, note) FROM stdin;\n1\tfirst; row\n2\tsecond\n\\.";
    }
    if (kind < 93) {
      return "\\set ON_ERROR_STOP on";
    }
    if (kind < 95) {
      return "VACUUM (ANALYZE) " + t + ";";
    }
    if (kind < 97) {
      return "CREATE TABLE "
          + createTableName()
          + " (LIKE "
          + t
          + " INCLUDING ALL) PARTITION BY RANGE (created_at);";
    }
    return "DELETE FROM " + t + " WHERE created_at < now() - interval '90 days';";
  }
}
