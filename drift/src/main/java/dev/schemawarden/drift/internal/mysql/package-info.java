/**
 * Internal: no compatibility guarantees. MySQL/MariaDB snapshots: {@code information_schema} read into the one
 * {@code SchemaSnapshot} model, and a sandbox database aligned with production's name before a diff.
 */
package dev.schemawarden.drift.internal.mysql;
