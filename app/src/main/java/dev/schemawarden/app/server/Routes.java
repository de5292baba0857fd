package dev.schemawarden.app.server;

import dev.schemawarden.app.mcp.McpHttp;
import dev.schemawarden.app.mcp.McpSettings;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** Every route of {@code warden serve}, declared once. */
final class Routes {
  private Routes() {}

  /** Counts every response in {@code metrics}, after the exception mapping has set its status. */
  static void countResponses(JavalinConfig config, Metrics metrics) {
    config.requestLogger.http(
        (ctx, ms) -> metrics.response(route(ctx), ctx.method().name(), ctx.statusCode()));
  }

  /** The route template that answered ({@code /webhooks/{host}}), or {@code unmatched} for a path of no route. */
  static String route(Context ctx) {
    try {
      return ctx.endpoints().matchedHttpEndpoint().path;
    } catch (RuntimeException none) {
      // No endpoint for this method and path: a before handler (the webhook's 405) or nothing (404)
      // answered.
      return ctx.path().startsWith("/webhooks/") ? "/webhooks/{host}" : "unmatched";
    }
  }

  /**
   * {@code /mcp}: the SDK's streamable-HTTP servlet on Javalin's Jetty, next to Javalin's own servlet (an exact
   * mapping wins over Javalin's {@code /*}). It identifies each request by its bearer token itself (McpHttp).
   */
  static void mountMcp(JavalinConfig config, McpHttp mcp) {
    config.jetty.modifyServletContextHandler(
        handler -> {
          ServletHolder holder = new ServletHolder("mcp", mcp.servlet());
          holder.setAsyncSupported(true); // the SDK answers on an SSE stream when a call streams
          handler.addServlet(holder, McpSettings.PATH);
        });
  }

  static void register(
      JavalinConfig config,
      WebhookHandlers h,
      AuditApiHandler audit,
      JobsApiHandler jobs,
      ConsoleHandlers console) {
    config.routes.before(console::limitBearer);
    config.routes.get("/", console::reviewList);
    config.routes.get("/reviews/{id}", console::review);
    config.routes.get("/audit", console::auditList);
    config.routes.get("/audit/verify", console::auditVerify);
    config.routes.get("/audit/{seq}", console::auditEntry);
    config.routes.get("/proposals", console::proposalList);
    config.routes.get("/signin", console::signInForm);
    config.routes.post("/signin", console::signIn);
    config.routes.post("/signout", console::signOut);
    config.routes.get("/console.css", console::stylesheet);
    config.routes.get("/api/reviews", console::apiReviews);
    config.routes.get("/api/reviews/{id}", console::apiReview);
    config.routes.get("/api/proposals", console::apiProposals);
    config.routes.get("/api/health", console::apiHealth);
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
