/**
 * Internal: no compatibility guarantees. The one launcher of embedded PostgreSQL servers (replica and state store):
 * binaries, the unprivileged OS user, password authentication and the server's lifecycle.
 */
package dev.schemawarden.replica.internal.local;
