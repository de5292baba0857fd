/**
 * Internal: no compatibility guarantees. The impact model behind
 * {@link dev.schemawarden.analyzers.api.TraceAnalysis}: replica throughput calibration, lock-hold estimates from
 * production statistics, PostgreSQL's lock conflict table applied to application statements, and the TR1xx
 * findings only a trace can produce.
 */
package dev.schemawarden.analyzers.internal.impact;
