/**
 * Internal: no compatibility guarantees. Lint rules for MySQL and MariaDB (family {@code MY}): online DDL
 * (which ALGORITHM and LOCK an ALTER gets, by version), the metadata lock queue, non-atomic DDL and data
 * conversions.
 */
package dev.schemawarden.analyzers.internal.rules.mysql;
