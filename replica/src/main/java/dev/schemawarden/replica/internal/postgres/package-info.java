/**
 * Internal: no compatibility guarantees. Replica providers: an embedded PostgreSQL cluster or a scratch server,
 * template databases per schema hash, clones per review with a sandbox role.
 */
package dev.schemawarden.replica.internal.postgres;
