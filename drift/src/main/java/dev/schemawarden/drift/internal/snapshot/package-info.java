/**
 * Internal: no compatibility guarantees. Production schema snapshots: catalog introspection, the JSON file format,
 * DDL rendering for replicas, and the expected schema built by replaying migrations (with its cache).
 */
package dev.schemawarden.drift.internal.snapshot;
