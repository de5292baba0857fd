/**
 * Opt-in lint rules about how migrations are written (SQL0xx).
 *
 * <p>Internal: no compatibility guarantees.
 */
package dev.schemawarden.analyzers.internal.rules.style;
