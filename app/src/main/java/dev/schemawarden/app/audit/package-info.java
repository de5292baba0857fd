/**
 * The tamper-evident audit log: an append-only, hash-chained table in the state store ({@link
 * dev.schemawarden.app.audit.AuditLog}), the state store itself ({@link dev.schemawarden.app.audit.StateStore}) and the
 * canonical JSON form the chain hashes ({@link dev.schemawarden.app.audit.CanonicalJson}).
 */
package dev.schemawarden.app.audit;
