/**
 * {@code warden watch}: diagnose production on a schedule and propose each fix as a pull request, written as a
 * migration of the repository's own tool. Internal: no compatibility guarantees.
 */
package dev.schemawarden.app.watch;
