/** Internal: no compatibility guarantees. */
package dev.schemawarden.rules.internal.policies;
