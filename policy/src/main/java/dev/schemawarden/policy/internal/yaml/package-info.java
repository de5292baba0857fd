/** Internal: no compatibility guarantees. */
package dev.schemawarden.policy.internal.yaml;
