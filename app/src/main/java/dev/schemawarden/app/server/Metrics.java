package dev.schemawarden.app.server;

import dev.schemawarden.app.jobs.CircuitBreakers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The service's Prometheus metrics: every HTTP response by route and status; deliveries by host, event and outcome;
 * job attempts and their durations.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** One delivery answered; {@code outcome} is e.g. {@code enqueued}, {@code duplicate}, {@code unauthorized}. */
  public void delivery(String host, String event, String outcome) {
    Counter.builder("warden_webhook_deliveries")
        .description("Webhook deliveries by event and outcome")
        .tag("host", host)
        .tag("event", event)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /**
   * One HTTP answer, whatever produced it (a handler, a before handler, the exception mapping): by route template
   * (never the raw path, so the series stay bounded), method and status.
   */
  public void response(String route, String method, int status) {
    Counter.builder("warden_http_responses")
        .description("HTTP responses by route, method and status")
        .tag("route", route)
        .tag("method", method)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  /** One job attempt ended: {@code done}, {@code retry}, {@code failed} or {@code discarded}. */
  public void job(String outcome, Duration took) {
    Timer.builder("warden_job_duration")
        .description("Job attempts by outcome")
        .tag("outcome", outcome)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(took);
  }

  /** One gauge per code host: its circuit breaker's state (0 closed, 1 open, 2 half-open). */
  public void breakers(CircuitBreakers breakers) {
    breakers
        .apis()
        .forEach(
            (host, api) ->
                Gauge.builder("warden_host_breaker_state", () -> breakers.state(host).ordinal())
                    .description(
                        "Code host circuit breaker: 0 closed, 1 open (jobs wait), 2 half-open (one probe job)")
                    .tag("host", host)
                    .tag("api", api)
                    .register(registry));
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
