package dev.schemawarden.app.host.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.app.host.HostEvent;
import dev.schemawarden.app.host.MalformedDeliveryException;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab webhook deliveries: the {@code X-Gitlab-Token} check and the mapping of merge request and note hooks to
 * {@link HostEvent}s. See https://docs.gitlab.com/user/project/integrations/webhook_events/.
 */
final class GitlabWebhooks {
  static final String HOST = "gitlab";

  /** Merge request actions that need a (re-)review; {@code update} only when it brings commits ({@code oldrev}). */
  private static final Set<String> REVIEW_ACTIONS =
      Set.of("open", "reopen", "approved", "unapproved", "approval", "unapproval");

  private static final Pattern RECHECK =
      Pattern.compile("^\\s*/warden\\s+recheck\\b.*", Pattern.DOTALL);
  private static final Pattern OVERRIDE =
      Pattern.compile("^\\s*/warden\\s+override\\s+(\\S+)\\s+(.+?)\\s*$", Pattern.DOTALL);

  private final byte[] token;

  GitlabWebhooks(String token) {
    this.token = Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * GitLab sends the shared secret verbatim. Both sides are hashed first so the comparison takes the same time
   * whatever the given token's length or content.
   */
  boolean verify(Map<String, String> headers, byte[] body) {
    String given = headers.get("x-gitlab-token");
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(token, Sha256.digest(given.getBytes(StandardCharsets.UTF_8)));
  }

  WebhookDelivery parse(Map<String, String> headers, byte[] body) {
    String event = headers.getOrDefault("x-gitlab-event", "");
    if (event.isBlank()) {
      throw new MalformedDeliveryException(
          "missing X-Gitlab-Event header: is this a GitLab webhook?", null);
    }
    // Idempotency-Key stays the same across GitLab's retries of one delivery; older servers send
    // only the UUID.
    String id =
        Optional.ofNullable(headers.get("idempotency-key"))
            .filter(s -> !s.isBlank())
            .or(
                () ->
                    Optional.ofNullable(headers.get("x-gitlab-event-uuid"))
                        .filter(s -> !s.isBlank()))
            .orElseGet(() -> "sha256-" + Sha256.hex(body));
    JsonNode root = MalformedDeliveryException.jsonObject(body);
    String action = root.path("object_attributes").path("action").asText("");
    return new WebhookDelivery(id, event, action, classify(event, action, root));
  }

  private static HostEvent classify(String event, String action, JsonNode root) {
    String kind = root.path("object_kind").asText("");
    if (event.equals("Merge Request Hook") || kind.equals("merge_request")) {
      return mergeRequest(action, root);
    }
    if (event.equals("Note Hook") || kind.equals("note")) {
      return note(root);
    }
    return new HostEvent.Ignored("event " + event + " is not one the bot acts on");
  }

  private static HostEvent mergeRequest(String action, JsonNode root) {
    JsonNode mr = root.path("object_attributes");
    String trigger = "merge_request." + (action.isEmpty() ? "unknown" : action);
    if (REVIEW_ACTIONS.contains(action)) {
      return new HostEvent.Review(pr(root, mr.path("iid")), trigger);
    }
    if (action.equals("update")) {
      // An update without oldrev changed the title, labels or assignees, not the code.
      return mr.hasNonNull("oldrev") && !mr.path("oldrev").asText().isEmpty()
          ? new HostEvent.Review(pr(root, mr.path("iid")), trigger)
          : new HostEvent.Ignored(trigger + " brings no new commits");
    }
    if (action.equals("merge")) {
      // merge_commit_sha is null for a fast-forward merge: the head itself is what landed.
      String head = mr.path("last_commit").path("id").asText("");
      String merge =
          mr.path("merge_commit_sha").isTextual() ? mr.path("merge_commit_sha").asText() : head;
      return new HostEvent.Merged(pr(root, mr.path("iid")), merge, head);
    }
    return new HostEvent.Ignored(trigger + " needs no review");
  }

  private static HostEvent note(JsonNode root) {
    JsonNode note = root.path("object_attributes");
    if (!note.path("noteable_type").asText("").equals("MergeRequest")) {
      return new HostEvent.Ignored(
          "note on a " + note.path("noteable_type").asText("?") + ", not a merge request");
    }
    if (note.path("system").asBoolean(false)) {
      return new HostEvent.Ignored("system note");
    }
    String body = note.path("note").asText("");
    String user = root.path("user").path("username").asText("");
    if (!RECHECK.matcher(body).matches() && !OVERRIDE.matcher(body).matches()) {
      return new HostEvent.Ignored("note is not a /warden command");
    }
    if (user.isEmpty()) {
      throw new MalformedDeliveryException("note hook lacks user.username", null);
    }
    PullRequestRef pr = pr(root, root.path("merge_request").path("iid"));
    if (RECHECK.matcher(body).matches()) {
      return new HostEvent.Recheck(pr, user);
    }
    Matcher m = OVERRIDE.matcher(body);
    m.matches();
    return new HostEvent.Override(pr, user, m.group(1), m.group(2));
  }

  private static PullRequestRef pr(JsonNode root, JsonNode iid) {
    String project = root.path("project").path("path_with_namespace").asText("");
    if (project.isEmpty() || !iid.canConvertToInt() || iid.asInt() < 1) {
      throw new MalformedDeliveryException(
          "payload lacks project.path_with_namespace or the merge request iid", null);
    }
    return new PullRequestRef(HOST, project, iid.asInt(), Optional.empty());
  }
}
