/** The checks of {@code warden diagnose}. Internal: no compatibility guarantees. */
package dev.schemawarden.drift.internal.diagnose;
