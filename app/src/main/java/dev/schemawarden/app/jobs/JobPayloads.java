package dev.schemawarden.app.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.HostEvent;
import dev.schemawarden.app.host.PullRequestRef;
import java.util.Map;
import java.util.Optional;

/** The job payload: a {@link HostEvent} that needs work, as JSON in the {@code jobs.payload} column. */
public final class JobPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JobPayloads() {}

  /** The job for an event, or empty when the event needs none (ping, ignored). */
  public static Optional<NewJob> jobFor(HostEvent event) {
    ObjectNode o = JSON.createObjectNode();
    PullRequestRef pr;
    String kind;
    if (event instanceof HostEvent.Review r) {
      pr = r.pr();
      kind = "review";
      o.put("trigger", r.trigger());
    } else if (event instanceof HostEvent.Recheck c) {
      pr = c.pr();
      kind = "recheck";
      o.put("user", c.user());
    } else if (event instanceof HostEvent.Override v) {
      pr = v.pr();
      kind = "override";
      o.put("user", v.user()).put("target", v.target()).put("reason", v.reason());
    } else if (event instanceof HostEvent.Merged m) {
      pr = m.pr();
      kind = "apply";
      o.put("merge_sha", m.mergeSha()).put("head_sha", m.headSha());
    } else {
      return Optional.empty();
    }
    o.put("host", pr.host()).put("repository", pr.repository()).put("number", pr.number());
    pr.installation().ifPresent(i -> o.put("installation", i));
    return Optional.of(new NewJob(pr.key(), kind, o.toString()));
  }

  /**
   * The code host a job is for, among the hosts this service has settings for.
   *
   * @throws WardenException {@link ErrorCode#CONFIG} when the job names a host the service was started without (a
   *     job queued before that host's settings were removed)
   */
  public static CodeHost hostFor(Job job, Map<String, CodeHost> hosts) {
    CodeHost host = hosts.get(job.host());
    if (host == null) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "job "
              + job.id()
              + " is for host "
              + job.host()
              + ", which this service has no settings for");
    }
    return host;
  }

  /** Reads back what {@link #jobFor} wrote. */
  public static HostEvent read(Job job) {
    JsonNode o;
    try {
      o = JSON.readTree(job.payload());
    } catch (JsonProcessingException e) {
      throw new WardenException(ErrorCode.INTERNAL, "job " + job.id() + ": unreadable payload", e);
    }
    JsonNode inst = o.path("installation");
    PullRequestRef pr =
        new PullRequestRef(
            o.path("host").asText(),
            o.path("repository").asText(),
            o.path("number").asInt(),
            inst.isNumber() ? Optional.of(inst.asLong()) : Optional.empty());
    return switch (job.kind()) {
      case "review" -> new HostEvent.Review(pr, o.path("trigger").asText());
      case "recheck" -> new HostEvent.Recheck(pr, o.path("user").asText());
      case "override" ->
          new HostEvent.Override(
              pr, o.path("user").asText(), o.path("target").asText(), o.path("reason").asText());
      case "apply" ->
          new HostEvent.Merged(pr, o.path("merge_sha").asText(), o.path("head_sha").asText());
      default ->
          throw new WardenException(
              ErrorCode.INTERNAL, "job " + job.id() + ": unknown kind " + job.kind());
    };
  }
}
