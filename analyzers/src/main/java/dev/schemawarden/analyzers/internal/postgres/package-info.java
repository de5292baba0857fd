/**
 * Internal: no compatibility guarantees. The PostgreSQL engine: statement splitter, lexer, classifier into the
 * {@link dev.schemawarden.analyzers.api.Change} model, lock prediction and transaction rules.
 */
package dev.schemawarden.analyzers.internal.postgres;
