/** Internal: no compatibility guarantees. Lint rules about transaction structure (TXnnn). */
package dev.schemawarden.analyzers.internal.rules.transaction;
