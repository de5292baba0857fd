/**
 * Internal: no compatibility guarantees. Drift: the structural diff of two snapshots, applied-migration drift
 * against the repository, and the drift that matters to one pull request.
 */
package dev.schemawarden.drift.internal.diff;
