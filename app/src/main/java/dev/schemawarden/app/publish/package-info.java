/** Internal: no compatibility guarantees. */
package dev.schemawarden.app.publish;
