/**
 * Internal: no compatibility guarantees. Engine-neutral helpers for reading SQL: tokens and a cursor over them.
 */
package dev.schemawarden.analyzers.internal.sql;
