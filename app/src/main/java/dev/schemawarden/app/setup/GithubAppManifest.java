package dev.schemawarden.app.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The GitHub App manifest (docs.github.com, "Registering a GitHub App from a manifest"): what the bot needs and
 * nothing more. Checks: the check run; pull requests: read the change and request reviews; issues: the summary
 * comment (pull request comments are issue comments); contents: read the trees; members: the teams a policy
 * names; metadata: required by every App. Events: those docs/webhooks.md lists (check runs and suites for "re-run"), and push (merges, for apply on merge).
 */
public record GithubAppManifest(String name, URI homepage, URI webhookUrl, URI redirectUrl) {
  static final Map<String, String> PERMISSIONS =
      Map.of(
          "checks",
          "write",
          "pull_requests",
          "write",
          "contents",
          "read",
          "issues",
          "write",
          "metadata",
          "read",
          "members",
          "read");
  static final List<String> EVENTS =
      List.of(
          "pull_request",
          "pull_request_review",
          "issue_comment",
          "check_run",
          "check_suite",
          "push");

  public GithubAppManifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(homepage, "homepage");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    Objects.requireNonNull(redirectUrl, "redirectUrl");
  }

  /** The JSON GitHub's form expects in its {@code manifest} field. */
  public String json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("url", homepage.toString());
    m.put("hook_attributes", Map.of("url", webhookUrl.toString(), "active", true));
    m.put("redirect_url", redirectUrl.toString());
    m.put("description", "Schema Warden reviews database migrations in pull requests.");
    m.put("public", false);
    m.put("default_permissions", new java.util.TreeMap<>(PERMISSIONS));
    m.put("default_events", EVENTS);
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
