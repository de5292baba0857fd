/**
 * {@code warden setup}: registering the bot with a code host (the GitHub App manifest flow, a GitLab project hook)
 * and storing what the host returns where {@code warden serve} reads it. Internal: no compatibility guarantees.
 */
package dev.schemawarden.app.setup;
