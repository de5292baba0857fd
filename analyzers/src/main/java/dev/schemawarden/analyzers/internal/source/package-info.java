/**
 * The {@link dev.schemawarden.analyzers.api.MigrationSource} implementations: Flyway, Liquibase, golang-migrate,
 * dbmate and plain SQL directories. Reach them through {@link dev.schemawarden.analyzers.api.MigrationSources}.
 *
 * <p>Internal: no compatibility guarantees.
 */
package dev.schemawarden.analyzers.internal.source;
