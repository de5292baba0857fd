/**
 * Helpers shared by the built-in lint rules: identifier quoting, statement-text rewrites for fixes, and
 * questions about earlier statements of the same migration.
 *
 * <p>Internal: no compatibility guarantees.
 */
package dev.schemawarden.analyzers.internal.rules.support;
