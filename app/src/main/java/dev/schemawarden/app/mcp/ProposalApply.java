package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyCheckout;
import dev.schemawarden.app.apply.ApplyRequest;
import dev.schemawarden.app.apply.ApplyResult;
import dev.schemawarden.app.apply.ApplyService;
import dev.schemawarden.app.apply.ApplySettings;
import dev.schemawarden.app.apply.PreApplyCheck;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.host.PrFile;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.watch.PlannedMigration;
import dev.schemawarden.policy.api.Approval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What {@code get_proposal_status} and {@code request_apply} read outside the state store, and the apply itself.
 * The pull request on the code host: its head, whether it is merged, and its reviews (read through the host's own
 * approval reader, {@code CodeHost.approvals}), of which one counts only when a human who is neither the agent's
 * principal nor an agent approved the head, and the head carries the reviewed SQL. The apply: the existing
 * {@link ApplyService} (its policy gate, lock, drift check and audit) against the agents file's {@code apply:}
 * target, from a checkout of the merged commit (or, without a host, of the repository plus the proposal).
 */
final class ProposalApply {
  /** One review on the pull request, whether it counts and, if not, why. */
  record HostApproval(String user, String sha, Instant at, boolean counts, String why) {}

  /**
   * The pull request as the host has it now.
   *
   * @param mergeSha the merge commit; empty while it is not merged
   * @param carriesSql whether the head holds the proposal's file with exactly the reviewed SQL
   * @param changedCompanions the files planned with it whose text on the head is not the stored one
   * @param otherFiles files the pull request changes besides the ones the proposal planned
   */
  record HostState(
      PullRequest pr,
      Optional<String> mergeSha,
      boolean carriesSql,
      List<String> changedCompanions,
      List<String> otherFiles,
      List<HostApproval> approvals) {
    /** The approvals that count, bound to {@code sqlSha256} (what the review binds them to). */
    List<Approval> counted(String sqlSha256) {
      return approvals.stream()
          .filter(HostApproval::counts)
          .map(a -> Approval.approved(a.user(), sqlSha256, a.at()))
          .toList();
    }
  }

  private static final int MAX_CHANGELOG_FILES = 5_000;

  private final ConfigLoader configLoader;
  private final Supplier<AuditLog> audit;
  private final Agents agents;
  private final Map<String, String> env;
  private final Optional<ProposalHost> host;
  private final Path root;

  ProposalApply(
      ConfigLoader configLoader,
      Supplier<AuditLog> audit,
      Agents agents,
      Map<String, String> env,
      Optional<ProposalHost> host,
      Path root) {
    this.configLoader = configLoader;
    this.audit = audit;
    this.agents = agents;
    this.env = Map.copyOf(env);
    this.host = host;
    this.root = root;
  }

  Optional<ProposalHost> host() {
    return host;
  }

  Optional<Agents.ApplyTarget> target() {
    return agents.apply();
  }

  /**
   * The pull request as the host has it, when the proposal has one and this gateway has the host; with
   * {@code required}, a pull request this gateway cannot read is refused.
   */
  Optional<HostState> state(Proposals.Proposal p, Agents.Agent agent, boolean required) {
    if (p.pullRequest().isEmpty()) {
      return Optional.empty();
    }
    if (host.isEmpty()) {
      if (required) {
        throw ProposalTools.refuse(
            p,
            "has the pull request "
                + p.pullRequest().get().reference()
                + ", and this"
                + " gateway has no code host to read its reviews and merge state: request it through warden mcp --host");
      }
      return Optional.empty();
    }
    return Optional.of(read(host.get(), p, p.pullRequest().get(), agent));
  }

  /** The pull request of proposal {@code p} as the host has it now. */
  HostState read(
      ProposalHost h, Proposals.Proposal p, Proposals.PullRequestLink link, Agents.Agent agent) {
    PullRequestRef ref = h.repository().pullRequest(link.number());
    PullRequest pr = h.host().pullRequest(ref);
    Optional<String> merge = h.host().mergeCommit(ref);
    boolean carries =
        h.host()
            .fileAt(ref, p.path(), pr.headSha())
            .map(Sha256::hex)
            .filter(p.sqlSha256()::equals)
            .isPresent();
    // The files planned with it (a down file, the Liquibase master) are expected, with the stored
    // text.
    Set<String> planned =
        p.files().files().stream().map(PlannedMigration.File::path).collect(Collectors.toSet());
    List<String> changed =
        p.companions().stream()
            .filter(
                c ->
                    !h.host()
                        .fileAt(ref, c.path(), pr.headSha())
                        .map(Sha256::hex)
                        .equals(Optional.of(Sha256.hex(c.content()))))
            .map(Proposals.Companion::path)
            .toList();
    List<String> others =
        h.host().changedFiles(pr).stream()
            .map(PrFile::path)
            .filter(f -> !planned.contains(f))
            .sorted()
            .toList();
    String bot = h.host().botLogin(ref);
    List<HostApproval> approvals =
        h.host().approvals(pr).stream()
            .map(a -> judge(a, pr.headSha(), carries, p, agent, bot))
            .toList();
    return new HostState(pr, merge, carries, changed, others, approvals);
  }

  /**
   * Whether one review counts. Separation of duties: the person the agent acts for never approves its change, and
   * neither does an agent or a bot (an agent has no host credentials of its own; a login that is an agent's name
   * is treated as that agent). Any other human counts, the principal of another agent included: they approve
   * with their own account, as for any pull request.
   */
  private HostApproval judge(
      Approval a,
      String head,
      boolean carries,
      Proposals.Proposal p,
      Agents.Agent agent,
      String bot) {
    String user = a.user();
    String why;
    if (a.state() != Approval.State.APPROVED) {
      why = "their latest review is " + a.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    } else if (user.equalsIgnoreCase(p.actsFor()) || user.equalsIgnoreCase(agent.actsFor())) {
      why = "they are the person agent " + agent.name() + " acts for (separation of duties)";
    } else if (agents.isAgent(user)
        || user.startsWith("agent:")
        || user.toLowerCase(Locale.ROOT).endsWith("[bot]")
        || user.equalsIgnoreCase(bot)) {
      why = "an agent or a bot cannot approve";
    } else if (!a.sha().equals(head)) {
      why = "given on " + abbrev(a.sha()) + ", not on the head " + abbrev(head);
    } else if (!carries) {
      why = "the head " + abbrev(head) + " does not carry the reviewed SQL";
    } else {
      why = "";
    }
    return new HostApproval(user, a.sha(), a.submittedAt(), why.isEmpty(), why);
  }

  /**
   * Applies proposal {@code p} through {@link ApplyService} to the configured target. With a pull request the
   * checkout is the merge commit as the host has it (its configuration and policy, and the proposal's file, which
   * must hold the reviewed SQL); without one it is the repository's configuration and the reviewed SQL.
   */
  ApplyResult apply(
      Proposals.Proposal p,
      Agents.Agent agent,
      Optional<HostState> state,
      List<Approval> approvals) {
    Agents.ApplyTarget t = target().orElseThrow();
    String url =
        Optional.ofNullable(env.get(t.urlEnv()))
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        WardenTools.REQUEST_APPLY
                            + ": the apply target "
                            + t.environment()
                            + " (agents file line "
                            + t.line()
                            + ") names "
                            + t.urlEnv()
                            + ", which is not set in warden's"
                            + " environment: the operator exports it with the JDBC URL"));
    Target target =
        new Target(t.environment(), url, Optional.empty(), Optional.empty(), Optional.empty());
    try (ApplyCheckout checkout = ApplyCheckout.create()) {
      String head;
      String merge;
      int number;
      ApplyCheckout.Source source;
      if (state.isPresent()) {
        ProposalHost h = host.orElseThrow();
        HostState s = state.get();
        head = s.pr().headSha();
        merge = s.mergeSha().orElseThrow();
        number = s.pr().ref().number();
        source = path -> h.host().fileAt(s.pr().ref(), path, merge);
        String merged = source.read(p.path()).orElse("");
        if (!Sha256.hex(merged).equals(p.sqlSha256())) {
          throw new WardenException(
              ErrorCode.INPUT,
              WardenTools.REQUEST_APPLY
                  + ": the merge commit "
                  + abbrev(merge)
                  + " does not hold the reviewed SQL as "
                  + p.path()
                  + ": nothing was applied; propose"
                  + " the merged text again");
        }
      } else {
        head = p.sqlSha256();
        merge = p.sqlSha256();
        number = 0;
        source = this::local;
      }
      if (!checkout.configuration(source, configLoader, List.of())) {
        throw new WardenException(
            ErrorCode.CONFIG,
            WardenTools.REQUEST_APPLY
                + ": no .schemawarden.yml at "
                + abbrev(merge)
                + ": nothing to apply from");
      }
      checkout.write(p.path(), p.sql());
      // The files planned with it as the merge commit holds them (a Liquibase master may hold more
      // of main's changesets by then), or as stored without a host; a down file is written too and
      // never applied.
      for (Proposals.Companion c : p.companions()) {
        checkout.write(
            c.path(), state.isPresent() ? source.read(c.path()).orElse(c.content()) : c.content());
      }
      changelogTree(p, source, checkout);
      ApplyService service =
          new ApplyService(
              audit.get(),
              configLoader,
              Engines::forName,
              PreApplyCheck.objects(),
              Clock.systemUTC());
      ApplyRequest request =
          new ApplyRequest(
              checkout.root(),
              Optional.empty(),
              List.of(target),
              p.repository(),
              number,
              agent.actsFor(),
              Set.of(agent.actsFor()),
              "",
              head,
              merge,
              approvals,
              ApplySettings.defaults(),
              agent.actor());
      return service.apply(request).get(0);
    }
  }

  /**
   * Liquibase reads the whole tree its master includes, changesets run long ago included: the files under the
   * master's directory (their names from the repository the gateway serves, their text from {@code source}, the
   * merge commit or that repository) go into the checkout too. Files it includes from elsewhere are not fetched.
   */
  private void changelogTree(
      Proposals.Proposal p, ApplyCheckout.Source source, ApplyCheckout checkout) {
    Set<String> planned =
        p.files().files().stream().map(PlannedMigration.File::path).collect(Collectors.toSet());
    for (String master : p.files().changed()) {
      String dir = ProposalFiles.directory(master);
      List<String> files =
          RepositoryFiles.list(
              root,
              dir.isEmpty() ? "" : dir.substring(0, dir.length() - 1),
              true,
              f -> !f.equals(".git") && !f.startsWith(".git/") && !planned.contains(f));
      if (files.size() > MAX_CHANGELOG_FILES) {
        throw new WardenException(
            ErrorCode.INPUT,
            WardenTools.REQUEST_APPLY
                + ": "
                + dir
                + " holds "
                + files.size()
                + " files, over the "
                + MAX_CHANGELOG_FILES
                + " an apply fetches: apply it with warden apply");
      }
      files.forEach(f -> source.read(f).ifPresent(text -> checkout.write(f, text)));
    }
  }

  /** A file of the repository the gateway serves, read through the repository reader. */
  private Optional<String> local(String path) {
    if (RepositoryFiles.lookup(root, path) instanceof RepositoryFiles.Found f) {
      return Optional.of(
          new String(
              RepositoryFiles.bytes(f, RepositoryFiles.DEFAULT_MAX_BYTES, ErrorCode.INPUT),
              StandardCharsets.UTF_8));
    }
    return Optional.empty();
  }

  static String abbrev(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
