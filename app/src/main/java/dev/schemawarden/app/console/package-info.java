/**
 * The read-only review and audit console of {@code warden serve} (docs/console.md): the reviews the service ran, as
 * stored by {@link dev.schemawarden.app.console.ReviewLog}, and the page models its jte templates render.
 */
package dev.schemawarden.app.console;
