/**
 * Lint rules for statements that destroy data or objects (DS1xx).
 *
 * <p>Internal: no compatibility guarantees.
 */
package dev.schemawarden.analyzers.internal.rules.destructive;
