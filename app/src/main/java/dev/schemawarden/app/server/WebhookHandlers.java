package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.state.StateStore;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP edge: each handler turns a {@link Context} into records, calls a service and writes the answer. No
 * business logic lives here.
 */
final class WebhookHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECEIVED = "warden.received";

  private final WebhookService webhooks;
  private final StateStore store;
  private final Metrics metrics;
  private final long maxBodyBytes;

  WebhookHandlers(WebhookService webhooks, StateStore store, Metrics metrics, long maxBodyBytes) {
    this.webhooks = webhooks;
    this.store = store;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * {@code before /webhooks/{host}}: the method (only POST: 405 with {@code Allow: POST}), the headers that become
   * stored values or metric tags (400 when malformed), the size limit, then the signature over the raw body;
   * nothing is parsed yet.
   */
  void verifySignature(Context ctx) {
    String host = ctx.pathParam("host");
    if (webhooks.host(host).isEmpty()) {
      throw new NotFoundResponse("no webhook endpoint for host '" + host + "'");
    }
    if (ctx.method() != HandlerType.POST) {
      ctx.header("Allow", "POST");
      throw new MethodNotAllowedResponse("webhooks are delivered with POST");
    }
    WebhookHeaders.check(ctx::header);
    if (ctx.contentLength() > maxBodyBytes) {
      throw new ContentTooLargeResponse("body exceeds " + maxBodyBytes + " bytes (WARDEN_MAX_BODY_BYTES)");
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBodyBytes) {
      throw new ContentTooLargeResponse("body exceeds " + maxBodyBytes + " bytes (WARDEN_MAX_BODY_BYTES)");
    }
    WebhookService.Received received = new WebhookService.Received(host, headers(ctx), body);
    if (!webhooks.verify(received)) {
      throw new UnauthorizedResponse("missing or invalid signature");
    }
    ctx.attribute(RECEIVED, received);
  }

  /** {@code POST /webhooks/{host}}. */
  void receive(Context ctx) throws Exception {
    WebhookService.Received received = ctx.attribute(RECEIVED);
    WebhookService.Ack ack = webhooks.receive(received);
    ctx.status(ack.status()).contentType("application/json")
        .result(JSON.writeValueAsString(Map.of("outcome", ack.outcome(), "detail", ack.detail())));
  }

  /** {@code GET /healthz}: the process is up. */
  void health(Context ctx) {
    ctx.contentType("application/json").result("{\"status\":\"up\"}");
  }

  /** {@code GET /readyz}: the state store answers, so deliveries can be accepted. */
  void ready(Context ctx) {
    boolean up = store.reachable();
    ctx.status(up ? 200 : 503).contentType("application/json")
        .result(up ? "{\"status\":\"ready\"}" : "{\"status\":\"state store unreachable\"}");
  }

  /** {@code GET /metrics}: Prometheus text format. */
  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private static Map<String, String> headers(Context ctx) {
    Map<String, String> out = new TreeMap<>();
    ctx.headerMap().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }
}
