/** The policy engine's public API: facts in, {@link dev.schemawarden.rules.api.Decision} out. */
package dev.schemawarden.rules.api;
