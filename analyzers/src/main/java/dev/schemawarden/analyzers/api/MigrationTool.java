package dev.schemawarden.analyzers.api;

import java.util.Locale;

/** The migration tool a repository uses; decides layout, ordering and transaction behaviour. */
public enum MigrationTool {
  FLYWAY,
  LIQUIBASE,
  GOLANG_MIGRATE,
  DBMATE,
  DIESEL,
  SQLX,
  PLAIN;

  /** Lower-case, hyphenated, as written in {@code .schemawarden.yml}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every config name, comma-separated, for messages. */
  public static String names() {
    return String.join(
        ", ", java.util.Arrays.stream(values()).map(MigrationTool::configName).toList());
  }

  public static MigrationTool parse(String text) {
    for (MigrationTool t : values()) {
      if (t.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new WardenException(
        ErrorCode.CONFIG, "unknown migration tool '" + text + "': use one of " + names());
  }
}
