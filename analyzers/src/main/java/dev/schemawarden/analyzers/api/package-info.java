/**
 * The analyzers module's public contract: the migration model, statements with exact source spans, the
 * semantic {@link dev.schemawarden.analyzers.api.Change} model, lint rules and findings, and the engine and
 * migration-source extension points. Other modules import only this package.
 */
package dev.schemawarden.analyzers.api;
