/** Internal: no compatibility guarantees. The lint runner, suppression, rule registry and catalog. */
package dev.schemawarden.analyzers.internal.lint;
