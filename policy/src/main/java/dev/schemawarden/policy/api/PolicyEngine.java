package dev.schemawarden.policy.api;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.policy.api.Decision.ApprovalRequirement;
import dev.schemawarden.policy.api.Decision.EvaluatedPolicy;
import dev.schemawarden.policy.api.Decision.OverrideRecord;
import dev.schemawarden.policy.api.Decision.PolicyResult;
import dev.schemawarden.policy.internal.ApprovalCounter;
import dev.schemawarden.policy.internal.ChangeObjects;
import dev.schemawarden.policy.internal.policies.BuiltInPolicies;
import dev.schemawarden.policy.internal.policies.FilePolicy;
import dev.schemawarden.policy.internal.policies.Policy;
import dev.schemawarden.policy.internal.policies.PolicyInput;
import dev.schemawarden.policy.internal.policies.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides a pull request: runs the built-in policies (POL001 and POL003 floors, POL002 separation of duties) and
 * then the policy file's rules over the {@link PrFacts}, applies authorised overrides, and returns the
 * {@link Decision}.
 * Pure and deterministic: the same facts and policy give an equal decision.
 *
 * <p>Any deny wins. Otherwise every approval requirement must be met on its own (one approval may meet several),
 * each citing its policy id; warnings only add reasons.
 */
public final class PolicyEngine {
  private final PolicySet policySet;
  private final List<Policy> policies;

  public PolicyEngine(PolicySet policySet) {
    this.policySet = Objects.requireNonNull(policySet, "policySet");
    List<Policy> all = new ArrayList<>(BuiltInPolicies.ALL);
    policySet.rules().forEach(r -> all.add(new FilePolicy(r)));
    this.policies = List.copyOf(all);
  }

  /** The ids of every policy this engine runs, in evaluation order. */
  public List<String> policyIds() {
    return policies.stream().map(Policy::id).toList();
  }

  public Decision decide(PrFacts facts) {
    Set<String> policyIds = new HashSet<>(policyIds());
    Set<String> findingIds = new HashSet<>();
    facts.findings().forEach(f -> findingIds.add(f.rule().toUpperCase(Locale.ROOT)));
    List<OverrideRecord> overrideRecords = new ArrayList<>();
    Set<String> overridden = new HashSet<>();
    for (PolicyOverride o : facts.overrides()) {
      OverrideRecord rec =
          Overrides.judge(o, facts, policySet.overrideAuthorized(), policyIds, findingIds);
      overrideRecords.add(rec);
      if (rec.applied()) {
        overridden.add(o.targetId().toUpperCase(Locale.ROOT));
      }
    }
    List<Finding> findings =
        facts.findings().stream()
            .filter(f -> !overridden.contains(f.rule().toUpperCase(Locale.ROOT)))
            .toList();
    PolicyInput input = new PolicyInput(facts, findings);

    Map<Policy, Verdict> verdicts = new LinkedHashMap<>();
    policies.forEach(p -> verdicts.put(p, p.evaluate(input)));

    Set<Approval> setAside = new HashSet<>();
    verdicts
        .values()
        .forEach(
            v -> {
              if (v instanceof Verdict.SetAside s) {
                s.excluded().forEach(e -> setAside.add(e.approval()));
              }
            });
    List<Approval> eligible =
        facts.approvals().stream()
            .filter(a -> a.state() == Approval.State.APPROVED && !setAside.contains(a))
            .toList();

    List<String> reasons = new ArrayList<>();
    List<ApprovalRequirement> required = new ArrayList<>();
    List<EvaluatedPolicy> evaluated = new ArrayList<>();
    boolean denied = false;
    for (Map.Entry<Policy, Verdict> e : verdicts.entrySet()) {
      Policy p = e.getKey();
      Verdict v = e.getValue();
      boolean isOverridden =
          overridden.contains(p.id().toUpperCase(Locale.ROOT))
              && !(v instanceof Verdict.NoMatch)
              && !(v instanceof Verdict.SetAside);
      PolicyResult result;
      if (v instanceof Verdict.NoMatch) {
        result = PolicyResult.NO_MATCH;
      } else if (v instanceof Verdict.SetAside) {
        result = PolicyResult.CHECKED;
      } else if (isOverridden) {
        result = PolicyResult.OVERRIDDEN;
        reasons.add(p.id() + " (overridden): " + overrideNote(overrideRecords, p.id()));
      } else if (v instanceof Verdict.Deny d) {
        result = PolicyResult.DENY;
        denied = true;
        reasons.add(p.id() + ": " + d.reason());
      } else if (v instanceof Verdict.Require r) {
        result = PolicyResult.REQUIRE;
        List<String> by = ApprovalCounter.satisfiedBy(eligible, r.approvers(), facts.teams());
        ApprovalRequirement req =
            new ApprovalRequirement(p.id(), r.approvers(), r.count(), r.reason(), by);
        required.add(req);
        reasons.add(
            p.id()
                + ": "
                + r.reason()
                + (req.satisfied()
                    ? " - satisfied by " + String.join(", ", by)
                    : " - " + by.size() + " of " + r.count() + " approvals"));
      } else {
        result = PolicyResult.WARN;
        reasons.add(p.id() + " (warning): " + ((Verdict.Warn) v).reason());
      }
      evaluated.add(new EvaluatedPolicy(p.id(), p.description(), result, v.details()));
    }
    Decision.Outcome outcome =
        denied
            ? Decision.Outcome.DENY
            : required.stream().allMatch(ApprovalRequirement::satisfied)
                ? Decision.Outcome.ALLOW
                : Decision.Outcome.NEEDS_APPROVAL;
    return new Decision(
        outcome,
        reasons,
        required,
        evaluated,
        overrideRecords,
        objects(facts),
        facts.headSha(),
        facts.evaluatedAt().toString());
  }

  private static String overrideNote(List<OverrideRecord> records, String id) {
    return records.stream()
        .filter(r -> r.applied() && r.targetId().equalsIgnoreCase(id))
        .map(r -> "by " + r.user() + ": " + r.reason())
        .findFirst()
        .orElse("");
  }

  private static List<SchemaContext.ObjectInfo> objects(PrFacts facts) {
    Map<String, SchemaContext.ObjectInfo> out = new TreeMap<>();
    facts
        .statements()
        .forEach(
            s ->
                ChangeObjects.of(s.statement().change())
                    .forEach(o -> out.computeIfAbsent(o, facts.context()::describe)));
    return List.copyOf(out.values());
  }
}
