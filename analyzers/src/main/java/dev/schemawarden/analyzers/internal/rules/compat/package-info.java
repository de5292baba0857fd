/**
 * Lint rules for changes that break application versions still running during a deploy (BC1xx).
 *
 * <p>Internal: no compatibility guarantees.
 */
package dev.schemawarden.analyzers.internal.rules.compat;
