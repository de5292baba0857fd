package dev.schemawarden.policy.api;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a policy may look at, gathered by the caller before deciding. Policies are pure functions of this
 * record: the evaluation time is {@code evaluatedAt}, never the clock; team membership is {@code teams}, resolved
 * through the host at decision time.
 *
 * @param repository {@code owner/name}
 * @param headSha the commit under review; approvals and overrides count only for it
 * @param author who opened the pull request
 * @param committers authors and committers of the change's commits; none of them can approve it
 * @param botIdentity Schema Warden's own login on the host, which can never approve
 * @param environment the target environment, e.g. {@code production}
 * @param statements the change's statements with their operation classes and impact
 * @param findings lint and trace findings of the change
 * @param failOn the configured {@code fail-on} threshold, which {@code severity: fail-on} refers to
 * @param drift drift touching the objects of the change
 * @param approvals every review submitted on the pull request, any commit, any state
 * @param codeowners the CODEOWNERS owners of the changed files ({@code alice}, {@code @org/team})
 * @param context tags and owners of schema objects
 * @param overrides override requests found on the pull request
 * @param fileOwners the CODEOWNERS owners of each changed migration file (repository-relative path to
 *     {@code @login}, {@code @org/team} or e-mail, as the file writes them; an empty list when no CODEOWNERS line
 *     matches the file); a {@code codeowners} requirement resolves to the owners of the files its rule matched
 */
public record PrFacts(
    String repository,
    int prNumber,
    String headSha,
    String author,
    Set<String> committers,
    String botIdentity,
    Set<String> labels,
    String environment,
    Instant evaluatedAt,
    List<PrStatement> statements,
    List<Finding> findings,
    Severity failOn,
    List<DriftFact> drift,
    List<Approval> approvals,
    TeamDirectory teams,
    List<String> codeowners,
    SchemaContext context,
    List<PolicyOverride> overrides,
    Map<String, List<String>> fileOwners) {

  public PrFacts {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(author, "author");
    committers = Set.copyOf(committers);
    Objects.requireNonNull(botIdentity, "botIdentity");
    labels = Set.copyOf(labels);
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    statements = List.copyOf(statements);
    findings = List.copyOf(findings);
    Objects.requireNonNull(failOn, "failOn");
    drift = List.copyOf(drift);
    approvals = List.copyOf(approvals);
    Objects.requireNonNull(teams, "teams");
    codeowners = List.copyOf(codeowners);
    Objects.requireNonNull(context, "context");
    overrides = List.copyOf(overrides);
    Map<String, List<String>> owners = new TreeMap<>();
    fileOwners.forEach((file, who) -> owners.put(file, List.copyOf(who)));
    fileOwners = Collections.unmodifiableMap(owners);
  }

  public static Builder builder(
      String repository, int prNumber, String headSha, String author, Instant at) {
    return new Builder(repository, prNumber, headSha, author, at);
  }

  /** A copy with changes: {@code facts.toBuilder().approvals(...).build()}. */
  public Builder toBuilder() {
    Builder b = new Builder(repository, prNumber, headSha, author, evaluatedAt);
    b.committers = committers;
    b.botIdentity = botIdentity;
    b.labels = labels;
    b.environment = environment;
    b.statements = new ArrayList<>(statements);
    b.findings = new ArrayList<>(findings);
    b.failOn = failOn;
    b.drift = drift;
    b.approvals = new ArrayList<>(approvals);
    b.teams = teams;
    b.codeowners = codeowners;
    b.context = context;
    b.overrides = new ArrayList<>(overrides);
    b.fileOwners = fileOwners;
    return b;
  }

  /** Builds {@link PrFacts}; everything not set is empty, {@code failOn} is ERROR, environment {@code production}. */
  public static final class Builder {
    private final String repository;
    private final int prNumber;
    private final String headSha;
    private final String author;
    private Instant evaluatedAt;
    private Set<String> committers = Set.of();
    private String botIdentity = "schema-warden[bot]";
    private Set<String> labels = Set.of();
    private String environment = "production";
    private List<PrStatement> statements = new ArrayList<>();
    private List<Finding> findings = new ArrayList<>();
    private Severity failOn = Severity.ERROR;
    private List<DriftFact> drift = List.of();
    private List<Approval> approvals = new ArrayList<>();
    private TeamDirectory teams = TeamDirectory.empty();
    private List<String> codeowners = List.of();
    private SchemaContext context = SchemaContext.empty();
    private List<PolicyOverride> overrides = new ArrayList<>();
    private Map<String, List<String>> fileOwners = Map.of();

    private Builder(String repository, int prNumber, String headSha, String author, Instant at) {
      this.repository = repository;
      this.prNumber = prNumber;
      this.headSha = headSha;
      this.author = author;
      this.evaluatedAt = at;
    }

    public Builder evaluatedAt(Instant v) {
      evaluatedAt = v;
      return this;
    }

    public Builder committers(Set<String> v) {
      committers = v;
      return this;
    }

    public Builder botIdentity(String v) {
      botIdentity = v;
      return this;
    }

    public Builder labels(Set<String> v) {
      labels = v;
      return this;
    }

    public Builder environment(String v) {
      environment = v;
      return this;
    }

    public Builder statements(List<PrStatement> v) {
      statements = new ArrayList<>(v);
      return this;
    }

    public Builder statement(PrStatement v) {
      statements.add(v);
      return this;
    }

    public Builder findings(List<Finding> v) {
      findings = new ArrayList<>(v);
      return this;
    }

    public Builder finding(Finding v) {
      findings.add(v);
      return this;
    }

    public Builder failOn(Severity v) {
      failOn = v;
      return this;
    }

    public Builder drift(List<DriftFact> v) {
      drift = v;
      return this;
    }

    public Builder approvals(List<Approval> v) {
      approvals = new ArrayList<>(v);
      return this;
    }

    public Builder approval(Approval v) {
      approvals.add(v);
      return this;
    }

    public Builder teams(TeamDirectory v) {
      teams = v;
      return this;
    }

    public Builder codeowners(List<String> v) {
      codeowners = v;
      return this;
    }

    public Builder context(SchemaContext v) {
      context = v;
      return this;
    }

    public Builder overrides(List<PolicyOverride> v) {
      overrides = new ArrayList<>(v);
      return this;
    }

    public Builder override(PolicyOverride v) {
      overrides.add(v);
      return this;
    }

    public Builder fileOwners(Map<String, List<String>> v) {
      fileOwners = v;
      return this;
    }

    public PrFacts build() {
      return new PrFacts(
          repository,
          prNumber,
          headSha,
          author,
          committers,
          botIdentity,
          labels,
          environment,
          evaluatedAt,
          statements,
          findings,
          failOn,
          drift,
          approvals,
          teams,
          codeowners,
          context,
          overrides,
          fileOwners);
    }
  }
}
