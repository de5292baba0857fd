package dev.schemawarden.app.server;

import io.javalin.config.JavalinConfig;

/** Every route of {@code warden serve}, declared once. */
final class Routes {
  private Routes() {}

  static void register(JavalinConfig config, WebhookHandlers h, AuditApiHandler audit, JobsApiHandler jobs) {
    config.routes.get("/api/audit", audit::list);
    config.routes.get("/api/jobs", jobs::list);
    config.routes.post("/api/jobs/{id}/retry", jobs::retry);
    config.routes.post("/api/jobs/{id}/cancel", jobs::cancel);
    config.routes.before("/webhooks/{host}", h::verifySignature);
    config.routes.post("/webhooks/{host}", h::receive);
    config.routes.get("/healthz", h::health);
    config.routes.get("/readyz", h::ready);
    config.routes.get("/metrics", h::metrics);
  }
}
