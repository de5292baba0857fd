package dev.schemawarden.app.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.OperationClassifier;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicySet;
import dev.schemawarden.policy.api.PrFacts;
import dev.schemawarden.policy.api.PrStatement;
import dev.schemawarden.policy.api.SchemaContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whether migrations may be applied to an environment: the same policy engine and lint rules as the
 * review, over exactly the statements about to run, with the approvals the pull request has. Only approvals given
 * on {@code sha} count (POL002), so an approval of an earlier push never authorises what was merged.
 */
final class PolicyGate {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private PolicyGate() {}

  record Verdict(Decision decision, List<Finding> findings, List<String> approvers) {
    JsonNode decisionJson() {
      return JSON.valueToTree(decision);
    }

    JsonNode findingsSummary() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      Map<String, Integer> bySeverity = new TreeMap<>();
      Set<String> rules = new TreeSet<>();
      findings.forEach(
          f -> {
            bySeverity.merge(
                f.severity().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            rules.add(f.rule());
          });
      n.put("total", findings.size());
      ObjectNode sev = n.putObject("by_severity");
      bySeverity.forEach(sev::put);
      var r = n.putArray("rules");
      rules.forEach(r::add);
      return n;
    }
  }

  /**
   * What one decision is about: {@code pending} on {@code target}, as the change {@code repository}#{@code pr} at
   * {@code sha} (an apply's pull request; a rollback's audited entry).
   */
  record Subject(List<Migration> pending, Target target, String repository, int pr, String sha) {}

  /**
   * The policy's decision on {@code subject}, with the people of {@code req} (author, committers, approvals) and
   * the repository's config, policy and context read from {@code req.repo()}.
   */
  static Verdict decide(
      ApplyRequest req, WardenConfig config, DatabaseEngine engine, Subject subject, Instant now) {
    Path repo = req.repo();
    List<Migration> pending = subject.pending();
    Optional<String> environmentPolicy = subject.target().policy();
    String author = req.author();
    Set<String> committers = req.committers();
    String sha = subject.sha();
    List<Approval> approvals = req.approvals();
    OperationClassifier classifier = new OperationClassifier(engine, config.engineVersion());
    List<PrStatement> statements =
        pending.stream()
            .flatMap(m -> m.statements().stream())
            .map(s -> PrStatement.of(s, classifier))
            .toList();
    List<Finding> findings =
        Linter.builtIn(engine, new LintSettings(config.engineVersion(), config.rules(), Set.of()))
            .lint(pending);
    PolicySet policy =
        environmentPolicy
            .or(config::policy)
            .map(p -> PolicyLoader.load(new RepositoryFile(repo, p)))
            .orElseGet(PolicyLoader::loadDefault);
    SchemaContext context =
        config
            .context()
            .map(c -> PolicyLoader.loadContext(new RepositoryFile(repo, c)))
            .orElseGet(SchemaContext::empty);
    PrFacts facts =
        PrFacts.builder(subject.repository(), subject.pr(), sha, author, now)
            .committers(committers)
            .environment(subject.target().name())
            .statements(statements)
            .findings(findings)
            .failOn(config.failOn().orElse(Severity.ERROR))
            .approvals(approvals)
            .context(context)
            .build();
    Decision d = new PolicyEngine(policy).decide(facts);
    // Who approved this exact commit and may approve it (not its author or committers): recorded
    // even when no rule required an approval, because "who looked at it" is what the audit log is
    // asked first.
    Set<String> excluded = new java.util.HashSet<>();
    excluded.add(author.toLowerCase(java.util.Locale.ROOT));
    committers.forEach(c -> excluded.add(c.toLowerCase(java.util.Locale.ROOT)));
    List<String> approvers =
        java.util.stream.Stream.concat(
                d.requiredApprovals().stream().flatMap(r -> r.satisfiedBy().stream()),
                approvals.stream()
                    .filter(
                        a ->
                            a.state() == Approval.State.APPROVED
                                && a.sha().equals(sha)
                                && !excluded.contains(a.user().toLowerCase(java.util.Locale.ROOT))
                                && !a.user().endsWith("[bot]"))
                    .map(Approval::user))
            .distinct()
            .sorted()
            .toList();
    return new Verdict(d, findings, approvers);
  }
}
