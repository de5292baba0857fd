package dev.schemawarden.app.server;

import io.javalin.config.JavalinConfig;

/** Every route of {@code warden serve}, declared once. */
final class Routes {
  private Routes() {}

  static void register(JavalinConfig config, WebhookHandlers h, AuditApiHandler audit) {
    config.routes.get("/api/audit", audit::list);
    config.routes.before("/webhooks/{host}", h::verifySignature);
    config.routes.post("/webhooks/{host}", h::receive);
    config.routes.get("/healthz", h::health);
    config.routes.get("/readyz", h::ready);
    config.routes.get("/metrics", h::metrics);
  }
}
