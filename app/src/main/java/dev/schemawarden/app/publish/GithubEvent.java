package dev.schemawarden.app.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The pull request of a GitHub Actions event file ({@code GITHUB_EVENT_PATH}) of a {@code pull_request},
 * {@code pull_request_target} or {@code pull_request_review} run: what the Action needs to fetch and review it.
 * Anyone who opens a pull request writes part of this file (its title, its branch name), so every value is checked
 * against a strict shape before it reaches git or a shell.
 *
 * @param number the pull request number
 * @param baseRef the branch it merges into, e.g. {@code main}
 * @param baseSha the base branch's commit when the event was sent
 * @param headSha the pull request's head commit when the event was sent
 */
public record GithubEvent(int number, String baseRef, String baseSha, String headSha) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  /** A branch name without spaces, quotes, backslashes or control characters, never an option. */
  private static final Pattern BRANCH =
      Pattern.compile("(?!-)(?!.*\\.\\.)[\\p{L}\\p{N}._/@+#-]{1,255}");

  public GithubEvent {
    check(BRANCH, baseRef, "pull_request.base.ref");
    check(SHA, baseSha, "pull_request.base.sha");
    check(SHA, headSha, "pull_request.head.sha");
  }

  /** Reads the event file; a usage error naming the file when it is not a pull request event. */
  public static GithubEvent read(Path eventPath) {
    JsonNode event;
    try {
      event = JSON.readTree(Files.readAllBytes(eventPath));
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.USAGE,
          "GITHUB_EVENT_PATH "
              + eventPath
              + " cannot be read ("
              + e.getMessage()
              + "): the Action runs inside a GitHub Actions job",
          e);
    }
    JsonNode pr = event == null ? JSON.missingNode() : event.path("pull_request");
    if (!pr.path("number").canConvertToInt()) {
      throw new WardenException(
          ErrorCode.USAGE,
          "GITHUB_EVENT_PATH "
              + eventPath
              + " is not a pull request event:"
              + " run the action on: pull_request, pull_request_target or pull_request_review, or give it a base");
    }
    return new GithubEvent(
        pr.path("number").asInt(),
        pr.path("base").path("ref").asText(""),
        pr.path("base").path("sha").asText(""),
        pr.path("head").path("sha").asText(""));
  }

  /** {@code key=value} lines a shell reads without evaluating anything. */
  public String toProperties() {
    return "number="
        + number
        + "\nbase_ref="
        + baseRef
        + "\nbase_sha="
        + baseSha
        + "\nhead_sha="
        + headSha
        + "\n";
  }

  private static void check(Pattern shape, String value, String field) {
    if (value == null || !shape.matcher(value).matches()) {
      throw new WardenException(
          ErrorCode.USAGE,
          "the event's "
              + field
              + " is missing or not a plain branch name"
              + " or commit id: refusing to review (rename the branch, or give the action a base input)");
    }
  }
}
