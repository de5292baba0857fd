/** Internal: no compatibility guarantees. Lint rules about locks (LKnnn). */
package dev.schemawarden.analyzers.internal.rules.locking;
