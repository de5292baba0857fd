package dev.schemawarden.app.server;

import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.HostEvent;
import dev.schemawarden.app.host.MalformedDeliveryException;
import dev.schemawarden.app.host.WebhookDelivery;
import dev.schemawarden.app.jobs.Delivery;
import dev.schemawarden.app.jobs.JobPayloads;
import dev.schemawarden.app.jobs.JobQueue;
import dev.schemawarden.app.jobs.NewJob;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts verified webhook deliveries: parses them, records the delivery and enqueues its job in one transaction,
 * and answers at once. The review itself runs later on a worker.
 */
public final class WebhookService {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

  /** A delivery as received: the host's id (from the path), headers keyed in lower case, and the raw body. */
  public record Received(String host, Map<String, String> headers, byte[] body) {
    public Received {
      Objects.requireNonNull(host, "host");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }

  /** The answer: HTTP status, a one-word outcome (also the metrics tag) and a sentence for the host's log. */
  public record Ack(int status, String outcome, String detail) {}

  private final Map<String, CodeHost> hosts;
  private final JobQueue queue;
  private final Runnable wakeWorkers;
  private final Metrics metrics;

  public WebhookService(
      Map<String, CodeHost> hosts, JobQueue queue, Runnable wakeWorkers, Metrics metrics) {
    this.hosts = Map.copyOf(hosts);
    this.queue = queue;
    this.wakeWorkers = wakeWorkers;
    this.metrics = metrics;
  }

  /** The host for {@code /webhooks/<id>}, if this service has settings for it. */
  public Optional<CodeHost> host(String id) {
    return Optional.ofNullable(hosts.get(id));
  }

  /** Checks the signature over the raw body before anything is parsed or stored. */
  public boolean verify(Received r) {
    boolean ok = host(r.host()).map(h -> h.verify(r.headers(), r.body())).orElse(false);
    if (!ok) {
      metrics.delivery(
          r.host(),
          r.headers()
              .getOrDefault(
                  "x-github-event", r.headers().getOrDefault("x-gitlab-event", "unknown")),
          "unauthorized");
      LOG.warn(
          "{} delivery {} rejected: missing or invalid signature",
          r.host(),
          r.headers()
              .getOrDefault(
                  "x-github-delivery", r.headers().getOrDefault("x-gitlab-event-uuid", "(no id)")));
    }
    return ok;
  }

  public Ack receive(Received r) {
    CodeHost host = host(r.host()).orElseThrow();
    WebhookDelivery d = host.parseWebhook(r.headers(), r.body());
    Ack ack = accept(host, d);
    metrics.delivery(host.id(), d.event(), ack.outcome());
    LOG.debug(
        "{} delivery {} ({} {}): {}", host.id(), d.id(), d.event(), d.action(), ack.outcome());
    return ack;
  }

  /** Longest event or action stored; the delivery id and event headers are checked before, by WebhookHeaders. */
  static final int MAX_NAME = 200;

  /**
   * An action (from the body) the store would refuse (a NUL byte PostgreSQL cannot keep, or absurdly long) is the
   * sender's fault: 400 now, rather than a store error that would read as "unavailable, redeliver".
   */
  private static void checkStorable(WebhookDelivery d) {
    if (d.event().length() > MAX_NAME
        || d.action().length() > MAX_NAME
        || d.event().indexOf('\0') >= 0
        || d.action().indexOf('\0') >= 0) {
      throw new MalformedDeliveryException(
          "event and action must be at most " + MAX_NAME + " characters without NUL", null);
    }
  }

  private Ack accept(CodeHost host, WebhookDelivery d) {
    if (d.request() instanceof HostEvent.Ping) {
      return new Ack(200, "pong", "webhook is set up");
    }
    if (d.request() instanceof HostEvent.Ignored i) {
      return new Ack(202, "ignored", i.why());
    }
    checkStorable(d);
    Optional<NewJob> job = JobPayloads.jobFor(d.request());
    JobQueue.Accepted accepted =
        queue.accept(new Delivery(host.id(), d.id(), d.event(), d.action()), job);
    return switch (accepted) {
      case ENQUEUED -> {
        wakeWorkers.run();
        yield new Ack(
            202, "enqueued", job.orElseThrow().kind() + " queued for " + job.orElseThrow().key());
      }
      case COALESCED ->
          new Ack(
              202,
              "coalesced",
              "a queued "
                  + job.orElseThrow().kind()
                  + " job of the same pull request will cover it");
      case RECORDED -> new Ack(202, "recorded", "nothing to do");
      case DUPLICATE -> new Ack(200, "duplicate", "delivery " + d.id() + " was already received");
    };
  }
}
