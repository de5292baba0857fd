/** Internal: no compatibility guarantees. */
package dev.schemawarden.app.host.gitlab;
