package dev.schemawarden.app.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The service's Prometheus metrics: every HTTP response by route and status; deliveries by host, event and outcome;
 * job attempts and their durations.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** One delivery answered; {@code outcome} is e.g. {@code enqueued}, {@code duplicate}, {@code unauthorized}. */
  public void delivery(String host, String event, String outcome) {
    Counter.builder("warden_webhook_deliveries")
        .description("Webhook deliveries by event and outcome")
        .tag("host", host).tag("event", event).tag("outcome", outcome)
        .register(registry).increment();
  }

  /**
   * One HTTP answer, whatever produced it (a handler, a before handler, the exception mapping): by route template
   * (never the raw path, so the series stay bounded), method and status.
   */
  public void response(String route, String method, int status) {
    Counter.builder("warden_http_responses")
        .description("HTTP responses by route, method and status")
        .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
        .register(registry).increment();
  }

  /** One job attempt ended: {@code done}, {@code retry} or {@code failed}. */
  public void job(String outcome, Duration took) {
    Timer.builder("warden_job_duration")
        .description("Job attempts by outcome")
        .tag("outcome", outcome)
        .publishPercentiles(0.5, 0.99)
        .register(registry).record(took);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
