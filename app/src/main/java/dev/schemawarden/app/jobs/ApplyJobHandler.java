package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyCheckout;
import dev.schemawarden.app.apply.ApplyComment;
import dev.schemawarden.app.apply.ApplyRequest;
import dev.schemawarden.app.apply.ApplyResult;
import dev.schemawarden.app.apply.ApplyService;
import dev.schemawarden.app.apply.ApplySettings;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.config.EnvironmentsConfig;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.HostEvent;
import dev.schemawarden.app.host.PrFile;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.policy.api.Approval;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a merged pull request: for each environment with {@code apply: auto} in the merged
 * {@code .schemawarden.yml}, in file order, {@link ApplyService} runs under the same guardrails as
 * {@code warden apply} with the pull request's approvals, which count only when given on the reviewed head commit.
 * A decision that is not {@code allow} is refused and recorded as {@code refused} before anything is posted; the
 * outcome goes to the pull request as one comment (marker {@value #MARKER}) naming each audit entry.
 *
 * <p>The checkout holds the merged configuration, its policy and context files, each environment's policy, and
 * every file the pull request touched, all at the merge commit. Migrations merged earlier are not fetched: the
 * target's history already records them (see docs/apply-and-audit.md, "Apply on merge").
 */
public final class ApplyJobHandler implements JobHandler {
  public static final String MARKER = "<!-- schema-warden:apply -->";
  private static final Logger LOG = LoggerFactory.getLogger(ApplyJobHandler.class);

  private final Map<String, CodeHost> hosts;
  private final ApplyService service;
  private final ConfigLoader configLoader;
  private final Map<String, String> env;
  private final ApplySettings settings;

  /**
   * @param env where environments' {@code url-env}/{@code user-env}/{@code password-env} are read (the process
   *     environment in production)
   */
  public ApplyJobHandler(
      Map<String, CodeHost> hosts,
      ApplyService service,
      ConfigLoader configLoader,
      Map<String, String> env,
      ApplySettings settings) {
    this.hosts = Map.copyOf(hosts);
    this.service = service;
    this.configLoader = configLoader;
    this.env = Map.copyOf(env);
    this.settings = settings;
  }

  @Override
  public void handle(Job job) {
    CodeHost host = JobPayloads.hostFor(job, hosts);
    if (!(JobPayloads.read(job) instanceof HostEvent.Merged merged)) {
      throw new WardenException(
          ErrorCode.INTERNAL, "job " + job.id() + " (" + job.kind() + ") is not a merge");
    }
    PullRequest pr = host.pullRequest(merged.pr());
    String head = merged.headSha().isEmpty() ? pr.headSha() : merged.headSha();
    String merge = merged.mergeSha().isEmpty() ? head : merged.mergeSha();
    try (ApplyCheckout checkout = ApplyCheckout.create()) {
      Path root = checkout.root();
      Optional<String> config = host.fileAt(pr.ref(), WardenConfig.FILE_NAME, merge);
      if (config.isEmpty()) {
        LOG.info("{}: merged without {}: nothing to apply", pr.ref(), WardenConfig.FILE_NAME);
        return;
      }
      checkout.write(WardenConfig.FILE_NAME, config.get());
      List<EnvironmentsConfig.Environment> auto =
          EnvironmentsConfig.load(root.resolve(WardenConfig.FILE_NAME)).stream()
              .filter(e -> e.mode() == EnvironmentsConfig.Mode.AUTO)
              .toList();
      if (auto.isEmpty()) {
        LOG.info("{}: no environment has apply: auto: nothing applied on merge", pr.ref());
        return;
      }
      List<Target> targets;
      try {
        fetch(host, pr, merge, checkout, auto);
        targets = auto.stream().map(e -> Target.fromEnvironment(e, env)).toList();
      } catch (WardenException e) {
        if (e.code() == ErrorCode.CONFIG || e.code() == ErrorCode.INPUT) {
          post(
              host,
              pr.ref(),
              "Schema Warden did not apply " + abbrev(merge) + ": " + e.getMessage());
          return;
        }
        throw e;
      }
      List<Approval> approvals = host.approvals(pr);
      ApplyRequest request =
          new ApplyRequest(
              root,
              Optional.empty(),
              targets,
              pr.ref().repository(),
              pr.ref().number(),
              pr.author(),
              Set.of(pr.author()),
              pr.baseSha(),
              head,
              merge,
              approvals,
              settings);
      List<ApplyResult> results = service.apply(request);
      post(host, pr.ref(), ApplyComment.render(merge, results));
      LOG.info(
          "{}: apply on merge of {}: {}",
          pr.ref(),
          abbrev(merge),
          results.stream().map(r -> r.environment() + "=" + r.status().label()).toList());
    }
  }

  /** The configuration's policy and context, each environment's policy and the pull request's files, at the merge. */
  private void fetch(
      CodeHost host,
      PullRequest pr,
      String merge,
      ApplyCheckout checkout,
      List<EnvironmentsConfig.Environment> envs) {
    ApplyCheckout.Source source = path -> host.fileAt(pr.ref(), path, merge);
    checkout.configurationFiles(
        source, configLoader, envs.stream().flatMap(e -> e.policy().stream()).toList());
    for (PrFile f : host.changedFiles(pr)) {
      if (f.status() != PrFile.Status.REMOVED && !f.path().equals(WardenConfig.FILE_NAME)) {
        source.read(f.path()).ifPresent(text -> checkout.write(f.path(), text));
      }
    }
  }

  private static void post(CodeHost host, PullRequestRef ref, String body) {
    String text = MARKER + "\n" + body;
    int max = host.maxCommentLength();
    host.upsertSummaryComment(
        ref, MARKER, text.length() <= max ? text : text.substring(0, max - 20) + "\n\n(truncated)");
  }

  static String abbrev(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
