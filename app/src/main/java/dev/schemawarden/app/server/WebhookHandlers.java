package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.state.StateStore;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: each handler turns a {@link Context} into records, calls a service and writes the answer. No
 * business logic lives here.
 */
final class WebhookHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECEIVED = "warden.received";

  /** How long the embedded store may stay down, restarts failing, before {@code /healthz} says so. */
  static final Duration UNHEALTHY_AFTER = Duration.ofSeconds(60);

  /** GitHub caps a delivery at 25 MB; an oversized body up to this size is read and dropped before the 413. */
  private static final long DRAIN_AT_LEAST = 25L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandlers.class);

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
      discardOversizedBody(ctx);
      throw new ContentTooLargeResponse(
          "body exceeds " + maxBodyBytes + " bytes (WARDEN_MAX_BODY_BYTES)");
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBodyBytes) {
      throw new ContentTooLargeResponse(
          "body exceeds " + maxBodyBytes + " bytes (WARDEN_MAX_BODY_BYTES)");
    }
    WebhookService.Received received = new WebhookService.Received(host, headers(ctx), body);
    if (!webhooks.verify(received)) {
      throw new UnauthorizedResponse("missing or invalid signature");
    }
    ctx.attribute(RECEIVED, received);
  }

  /**
   * Reads and drops the body of a request refused by its {@code Content-Length}, up to {@link #drainLimit()}, so
   * the {@code 413} reaches a client that is still uploading: closing a socket with unread bytes makes the kernel
   * send a reset, which destroys the answer in flight. A client that sent {@code Expect: 100-continue} has sent
   * nothing yet and must not be invited to (reading would make Jetty answer {@code 100}); a body beyond the limit
   * is not worth a thread's time, and that connection is simply closed.
   */
  private void discardOversizedBody(Context ctx) {
    boolean waitsForContinue = "100-continue".equalsIgnoreCase(ctx.header("Expect"));
    if (waitsForContinue || ctx.contentLength() > drainLimit()) {
      ctx.header("Connection", "close");
      return;
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = ctx.req().getInputStream()) {
      while (in.read(buffer) >= 0) {
        // dropped: only the end of the body matters
      }
    } catch (IOException e) {
      LOG.debug("client gave up while its oversized body was discarded: {}", e.toString());
    }
  }

  /** Twice the limit, and at least GitHub's own 25 MB cap on a delivery. */
  private long drainLimit() {
    return Math.max(2 * maxBodyBytes, DRAIN_AT_LEAST);
  }

  /** {@code POST /webhooks/{host}}. */
  void receive(Context ctx) throws Exception {
    WebhookService.Received received = ctx.attribute(RECEIVED);
    WebhookService.Ack ack = webhooks.receive(received);
    ctx.status(ack.status())
        .contentType("application/json")
        .result(JSON.writeValueAsString(Map.of("outcome", ack.outcome(), "detail", ack.detail())));
  }

  /**
   * {@code GET /healthz}, liveness: the process serves HTTP and can heal itself. 503 only when the embedded state
   * store has stayed down for {@link #UNHEALTHY_AFTER} although its supervisor keeps restarting it: then restarting
   * the process is the remedy left. An external store's outage is a readiness matter: restarting us fixes nothing.
   */
  void health(Context ctx) {
    Optional<Duration> down = store.downFor().filter(d -> d.compareTo(UNHEALTHY_AFTER) > 0);
    ctx.status(down.isPresent() ? 503 : 200)
        .contentType("application/json")
        .result(
            down.map(
                    d ->
                        "{\"status\":\"state store down for "
                            + d.toSeconds()
                            + " s despite restarts\"}")
                .orElse("{\"status\":\"up\"}"));
  }

  /**
   * {@code GET /readyz}, readiness: the state store answers now, so deliveries are stored. 503 while it is down
   * (the embedded one is being restarted by its supervisor, typically for a few seconds).
   */
  void ready(Context ctx) {
    if (draining) {
      // Stopping (SIGTERM): unready first, so the load balancer stops sending while running jobs
      // finish.
      ctx.status(503).contentType("application/json").result("{\"status\":\"stopping\"}");
      return;
    }
    boolean up = store.reachable();
    String down =
        store.downFor().isPresent() ? "state store restarting" : "state store unreachable";
    ctx.status(up ? 200 : 503)
        .contentType("application/json")
        .result(up ? "{\"status\":\"ready\"}" : "{\"status\":\"" + down + "\"}");
  }

  private volatile boolean draining;

  /** From now on {@code /readyz} answers 503 {@code stopping}; deliveries are still stored while the pod drains. */
  void drain() {
    draining = true;
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
