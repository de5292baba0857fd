/** The policy engine's public API: facts in, {@link dev.schemawarden.policy.api.Decision} out. */
package dev.schemawarden.policy.api;
