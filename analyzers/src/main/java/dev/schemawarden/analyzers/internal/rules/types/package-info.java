/**
 * Lint rules for column types and identifiers that cause trouble later (TY1xx).
 *
 * <p>Internal: no compatibility guarantees.
 */
package dev.schemawarden.analyzers.internal.rules.types;
