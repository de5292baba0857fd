/**
 * Internal: no compatibility guarantees. The MySQL and MariaDB engines: statement splitter ({@code DELIMITER},
 * executable comments, stored routines), lexer, classifier into the {@link dev.schemawarden.analyzers.api.Change}
 * model, and the version-aware online DDL table (which ALGORITHM and LOCK an ALTER can get).
 */
package dev.schemawarden.analyzers.internal.mysql;
