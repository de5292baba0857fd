/**
 * The tamper-evident audit log: an append-only, hash-chained table ({@link dev.schemawarden.app.audit.AuditLog}) in
 * the bot's one state store ({@link dev.schemawarden.app.state.StateStore}), with its own Flyway history table, and
 * the canonical JSON form the chain hashes ({@link dev.schemawarden.app.audit.CanonicalJson}).
 */
package dev.schemawarden.app.audit;
