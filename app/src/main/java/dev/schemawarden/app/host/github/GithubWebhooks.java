package dev.schemawarden.app.host.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.host.HostEvent;
import dev.schemawarden.app.host.MalformedDeliveryException;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub webhook deliveries: the {@code X-Hub-Signature-256} check and the mapping of the payloads the bot acts on
 * to {@link HostEvent}s. See https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries.
 */
final class GithubWebhooks {
  static final String HOST = "github";
  private static final Set<String> REVIEW_ACTIONS =
      Set.of("opened", "synchronize", "reopened", "ready_for_review");
  private static final Pattern RECHECK =
      Pattern.compile("^\\s*/warden\\s+recheck\\b.*", Pattern.DOTALL);
  private static final Pattern OVERRIDE =
      Pattern.compile("^\\s*/warden\\s+override\\s+(\\S+)\\s+(.+?)\\s*$", Pattern.DOTALL);

  private final byte[] secret;
  private final String checkName;

  GithubWebhooks(String secret, String checkName) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.checkName = checkName;
  }

  /** HMAC-SHA256 of the raw body with the webhook secret, compared in constant time. */
  boolean verify(Map<String, String> headers, byte[] body) {
    String header = headers.get("x-hub-signature-256");
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  WebhookDelivery parse(Map<String, String> headers, byte[] body) {
    String event = headers.getOrDefault("x-github-event", "");
    String id = headers.getOrDefault("x-github-delivery", "");
    if (event.isBlank() || id.isBlank()) {
      throw new MalformedDeliveryException(
          "missing X-GitHub-Event or X-GitHub-Delivery header: is this a GitHub webhook?", null);
    }
    JsonNode root = MalformedDeliveryException.jsonObject(body);
    String action = root.path("action").asText("");
    return new WebhookDelivery(id, event, action, classify(event, action, root));
  }

  private HostEvent classify(String event, String action, JsonNode root) {
    String trigger = event + (action.isEmpty() ? "" : "." + action);
    switch (event) {
      case "ping":
        return new HostEvent.Ping();
      case "pull_request":
        if (action.equals("closed") && root.path("pull_request").path("merged").asBoolean(false)) {
          JsonNode pull = root.path("pull_request");
          return new HostEvent.Merged(
              pr(root, pull.path("number")),
              pull.path("merge_commit_sha").asText(""),
              pull.path("head").path("sha").asText(""));
        }
        if (!REVIEW_ACTIONS.contains(action)) {
          return new HostEvent.Ignored(trigger + " needs no review");
        }
        return new HostEvent.Review(pr(root, root.path("pull_request").path("number")), trigger);
      case "pull_request_review":
        String state = root.path("review").path("state").asText("");
        if (action.equals("dismissed")
            || (action.equals("submitted") && state.equalsIgnoreCase("approved"))) {
          return new HostEvent.Review(pr(root, root.path("pull_request").path("number")), trigger);
        }
        return new HostEvent.Ignored(trigger + " (" + state + ") changes no approval");
      case "check_run":
        return rerequested(root, action, root.path("check_run"), trigger);
      case "check_suite":
        return rerequested(root, action, root.path("check_suite"), trigger);
      case "issue_comment":
        return comment(root, action, trigger);
      default:
        return new HostEvent.Ignored("event " + event + " is not one the bot acts on");
    }
  }

  private HostEvent rerequested(JsonNode root, String action, JsonNode check, String trigger) {
    if (!action.equals("rerequested")) {
      return new HostEvent.Ignored(trigger + " needs no review");
    }
    if (check.has("name") && !check.path("name").asText().equals(checkName)) {
      return new HostEvent.Ignored(
          trigger + " for another check (" + check.path("name").asText() + ")");
    }
    JsonNode prs = check.path("pull_requests");
    if (!prs.isArray() || prs.isEmpty()) {
      return new HostEvent.Ignored(trigger + " is not for a pull request");
    }
    return new HostEvent.Review(pr(root, prs.get(0).path("number")), trigger);
  }

  private HostEvent comment(JsonNode root, String action, String trigger) {
    if (!action.equals("created")) {
      return new HostEvent.Ignored(trigger + " carries no new command");
    }
    if (!root.path("issue").has("pull_request")) {
      return new HostEvent.Ignored("comment on an issue, not a pull request");
    }
    String body = root.path("comment").path("body").asText("");
    String user = root.path("comment").path("user").path("login").asText("");
    PullRequestRef pr = pr(root, root.path("issue").path("number"));
    if (RECHECK.matcher(body).matches()) {
      return new HostEvent.Recheck(pr, user);
    }
    Matcher m = OVERRIDE.matcher(body);
    if (m.matches()) {
      return new HostEvent.Override(pr, user, m.group(1), m.group(2));
    }
    return new HostEvent.Ignored("comment is not a /warden command");
  }

  private static PullRequestRef pr(JsonNode root, JsonNode number) {
    String repo = root.path("repository").path("full_name").asText("");
    if (repo.isEmpty() || !number.canConvertToInt() || number.asInt() < 1) {
      throw new MalformedDeliveryException(
          "payload lacks repository.full_name or the pull request number", null);
    }
    JsonNode inst = root.path("installation").path("id");
    Optional<Long> installation =
        inst.canConvertToLong() ? Optional.of(inst.asLong()) : Optional.empty();
    return new PullRequestRef(HOST, repo, number.asInt(), installation);
  }
}
