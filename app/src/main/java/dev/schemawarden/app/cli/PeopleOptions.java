package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.review.PrPeople;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.TeamDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Who is involved in the change, for the policy stage of {@code warden review}: in CI or on a laptop these come
 * from flags (the webhook service asks the host instead). The policy's separation of duties still decides which
 * approvals count: never the author's or a committer's, only those on the head commit.
 */
public final class PeopleOptions {
  private static final Pattern LOGIN = Pattern.compile("@?[A-Za-z0-9][A-Za-z0-9_.\\[\\]-]*");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

  @Option(
      names = "--author",
      paramLabel = "LOGIN",
      description = "Who opened the change; their own approval never counts.")
  String author;

  @Option(
      names = "--committer",
      paramLabel = "LOGIN",
      description = "A committer of the change (repeatable); their approvals never count.")
  List<String> committers = new ArrayList<>();

  @Option(
      names = "--approved-by",
      paramLabel = "LOGIN[@SHA]",
      description =
          "An approval (repeatable), given on commit SHA (default: the head under review).")
  List<String> approvedBy = new ArrayList<>();

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description = "A label of the pull request (repeatable).")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME",
      description = "The target environment (default: production).")
  String environment;

  @Option(
      names = "--team",
      paramLabel = "ORG/TEAM=LOGIN,...",
      description = "Team members (repeatable), in addition to the context file's teams: map.")
  List<String> teams = new ArrayList<>();

  @Option(
      names = "--head-sha",
      paramLabel = "SHA",
      description = "The head commit, for --base-dir reviews (a git review knows its own).")
  String headSha;

  /** When the people come from the host's API, flags naming them would be ignored: refuse them instead. */
  void requireOnlyEnvironment(String why) {
    if (author != null
        || !committers.isEmpty()
        || !approvedBy.isEmpty()
        || !labels.isEmpty()
        || !teams.isEmpty()
        || headSha != null) {
      throw new WardenException(
          ErrorCode.USAGE,
          "with "
              + why
              + " the author, committers, approvals, labels and"
              + " teams come from the pull request: drop --author, --committer, --approved-by, --label, --team and"
              + " --head-sha (--env still applies)");
    }
  }

  PrPeople toPeople() {
    List<Approval> approvals = approvedBy.stream().map(PeopleOptions::approval).toList();
    Map<String, Set<String>> directory = new LinkedHashMap<>();
    for (String t : teams) {
      int eq = t.indexOf('=');
      if (eq <= 0 || !t.substring(0, eq).contains("/")) {
        throw new WardenException(
            ErrorCode.USAGE,
            "--team " + t + ": write ORG/TEAM=LOGIN,LOGIN, e.g. --team acme/privacy=priya,omar");
      }
      Set<String> members =
          Arrays.stream(t.substring(eq + 1).split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(PeopleOptions::login)
              .collect(Collectors.toSet());
      directory.merge(
          t.substring(0, eq).trim(),
          members,
          (a, b) -> {
            Set<String> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return all;
          });
    }
    if (headSha != null && !SHA.matcher(headSha).matches()) {
      throw new WardenException(
          ErrorCode.USAGE, "--head-sha " + headSha + ": not a commit id (7 to 40 hex digits)");
    }
    return new PrPeople(
        0,
        Optional.ofNullable(author).map(PeopleOptions::login),
        committers.stream().map(PeopleOptions::login).collect(Collectors.toSet()),
        approvals,
        Set.copyOf(labels),
        Optional.ofNullable(environment),
        Optional.ofNullable(headSha).map(String::toLowerCase),
        TeamDirectory.of(directory),
        List.of(),
        List.of(),
        PrPeople.DEFAULT_BOT);
  }

  /** {@code alice} or {@code alice@a1b2c3d}; flags carry no time, and all are approvals, so one fixed instant. */
  private static Approval approval(String spec) {
    int at = spec.lastIndexOf('@');
    String user = at > 0 ? spec.substring(0, at) : spec;
    String sha = at > 0 ? spec.substring(at + 1) : "";
    if (!sha.isEmpty() && !SHA.matcher(sha).matches()) {
      throw new WardenException(
          ErrorCode.USAGE,
          "--approved-by "
              + spec
              + ": '"
              + sha
              + "' is not a commit id; write LOGIN or LOGIN@SHA (7 to 40 hex digits)");
    }
    return Approval.approved(login(user), sha.toLowerCase(java.util.Locale.ROOT), Instant.EPOCH);
  }

  private static String login(String s) {
    if (!LOGIN.matcher(s).matches()) {
      throw new WardenException(
          ErrorCode.USAGE, "'" + s + "' is not a login: write it as the host shows it, e.g. priya");
    }
    return s.startsWith("@") ? s.substring(1) : s;
  }
}
