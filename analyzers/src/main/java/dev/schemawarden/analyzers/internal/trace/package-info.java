/**
 * Internal: no compatibility guarantees. The PostgreSQL lock tracer behind
 * {@link dev.schemawarden.analyzers.api.LockTracer}: runs statements on a scratch replica and reads pg_locks,
 * relfilenodes, transaction statistics and a {@code table_rewrite} event trigger.
 */
package dev.schemawarden.analyzers.internal.trace;
