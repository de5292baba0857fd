package dev.schemawarden.analyzers.internal.rules.transaction;

import dev.schemawarden.analyzers.api.Migration;

/** How each migration tool is told not to wrap a migration in a transaction, for the fixes of the TX rules. */
final class ToolSettings {

  private ToolSettings() {}

  /** One sentence plus the setting, naming this migration. */
  static String noTransaction(Migration m) {
    return switch (m.tool()) {
      case FLYWAY ->
          "-- Flyway: put the statement in its own migration and create the script config file "
              + m.path()
              + ".conf containing:\nexecuteInTransaction=false";
      case LIQUIBASE ->
          "-- Liquibase: give the statement its own changeset with runInTransaction:false, e.g.\n"
              + "--changeset "
              + m.id().orElse("author:id")
              + " runInTransaction:false";
      case DBMATE ->
          "-- dbmate: put the statement in its own migration whose first line is\n"
              + "-- migrate:up transaction:false";
      case GOLANG_MIGRATE ->
          "-- golang-migrate: remove the BEGIN/COMMIT around the statement (the tool adds no"
              + " transaction) and keep it in its own migration";
      case DIESEL ->
          "-- diesel: put the statement in its own migration whose metadata.toml contains\n"
              + "-- run_in_transaction = false";
      case SQLX ->
          "-- sqlx: put the statement in its own migration whose first line is\n-- no-transaction";
      case PLAIN -> "-- run the statement outside BEGIN/COMMIT (without psql --single-transaction)";
    };
  }
}
