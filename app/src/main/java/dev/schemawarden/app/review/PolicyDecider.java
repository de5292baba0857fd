package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport.ReviewTarget;
import dev.schemawarden.app.report.StatementReport;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.DriftFact;
import dev.schemawarden.policy.api.ImpactFacts;
import dev.schemawarden.policy.api.OperationClassifier;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicySet;
import dev.schemawarden.policy.api.PrFacts;
import dev.schemawarden.policy.api.PrStatement;
import dev.schemawarden.policy.api.SchemaContext;
import dev.schemawarden.policy.api.TeamDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review's policy stage: gathers the {@link PrFacts} (statements classified with the engine so predicted
 * rewrites count, findings, weighed impact, drift touching the change, context tags and owners from the context
 * file and the snapshot's comments, the people from {@link PrPeople}) and asks the {@link PolicyEngine} for the
 * decision. The policy and context are read from the configuration on every review (a missing policy means the
 * shipped default); the evaluation time comes from the {@link Clock} given at the composition root, read once.
 */
public final class PolicyDecider implements PolicyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyDecider.class);

  /** Git's shortest unambiguous abbreviation in practice; shorter prefixes are not taken as the head. */
  private static final int MIN_SHA_PREFIX = 7;

  private final Clock clock;
  private final Components.Engines engines;

  public PolicyDecider(Clock clock, Components.Engines engines) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.engines = Objects.requireNonNull(engines, "engines");
  }

  @Override
  public Decision decide(PolicyCheck.PolicyInput in) {
    ReviewTarget target = in.target();
    PrPeople people = in.people();
    List<MigrationReport> migrations = in.migrations();
    List<Finding> findings = in.findings();
    List<DriftItem> drift = in.drift();
    WardenConfig config = in.config();
    Optional<Path> settingsRoot = in.settingsRoot();
    Path dir = config.directory();
    // Read inside the repository (the config's directory) only: a policy or context linked outside
    // is refused.
    PolicySet policy =
        config
            .policy()
            .map(p -> PolicyLoader.load(new RepositoryFile(dir, p)))
            .orElseGet(PolicyLoader::loadDefault);
    Optional<RepositoryFile> contextFile = config.context().map(c -> new RepositoryFile(dir, c));
    SchemaContext context =
        contextFile
            .map(PolicyLoader::loadContext)
            .orElseGet(SchemaContext::empty)
            .withComments(snapshotComments(config));
    TeamDirectory teams =
        contextFile
            .map(PolicyLoader::loadTeams)
            .map(fileTeams -> union(people.teams(), TeamDirectory.of(fileTeams)))
            .orElse(people.teams());
    String headSha = !target.headSha().isEmpty() ? target.headSha() : people.headSha().orElse("");

    PrFacts base =
        PrFacts.builder(
                target.repository(),
                people.prNumber(),
                headSha,
                people.author().orElse(""),
                clock.instant())
            .committers(people.committers())
            .botIdentity(people.botIdentity())
            .labels(people.labels())
            .environment(people.environment().orElse("production"))
            .statements(statements(migrations, config))
            .findings(findings)
            .failOn(config.failOn().orElse(Severity.ERROR))
            .approvals(people.approvals().stream().map(a -> onHead(a, headSha)).toList())
            .teams(teams)
            .codeowners(people.codeowners())
            .fileOwners(
                settingsRoot
                    .map(root -> CodeOwnersFile.ownersOf(root, migrations))
                    .orElse(Map.of()))
            .context(context)
            .overrides(people.overrides())
            .build();
    PolicyEngine engine = new PolicyEngine(policy);
    if (drift.isEmpty()) {
      return engine.decide(base);
    }
    // Only drift touching what the change touches matters to `drift:` rules; the objects come from
    // a first, drift-free decision (pure and cheap), so the app needs no copy of the policy
    // module's object naming.
    Set<String> touched = new HashSet<>();
    engine.decide(base).objects().forEach(o -> touched.add(o.object()));
    List<DriftFact> relevant =
        drift.stream()
            .filter(d -> touches(d, touched))
            .map(d -> new DriftFact(d.kind(), d.object(), d.message()))
            .toList();
    return engine.decide(base.toBuilder().drift(relevant).build());
  }

  private List<PrStatement> statements(List<MigrationReport> migrations, WardenConfig config) {
    DatabaseEngine engine = engines.forName(config.engine());
    OperationClassifier withEngine = new OperationClassifier(engine, config.engineVersion());
    OperationClassifier byType = new OperationClassifier();
    List<PrStatement> out = new ArrayList<>();
    for (MigrationReport m : migrations) {
      for (StatementReport s : m.statements()) {
        PrStatement st;
        try {
          st = PrStatement.of(s.statement(), withEngine);
        } catch (RuntimeException e) {
          // A prediction bug must not hide the statement from policy: classify it by its type
          // alone.
          LOG.warn(
              "{}:{}: could not predict rewrites for policy: {}",
              m.migration().path(),
              s.statement().line(),
              e.toString());
          st = PrStatement.of(s.statement(), byType);
        }
        PrStatement classified = st;
        out.add(
            s.effects()
                .impact()
                .map(
                    i ->
                        classified.withImpact(
                            new ImpactFacts(i.mode(), i.estimatedLockHeld(), i.relationBytes())))
                .orElse(classified));
      }
    }
    return out;
  }

  /**
   * An approval without a commit ({@code --approved-by alice}) is for the head under review; one given on an
   * abbreviation of the head ({@code alice@a1b2c3d}) is on the head. Anything else stays as given, so POL002
   * sets it aside as given on another commit.
   */
  private static Approval onHead(Approval a, String headSha) {
    String sha = a.sha().toLowerCase(Locale.ROOT);
    boolean head = sha.isEmpty() || (sha.length() >= MIN_SHA_PREFIX && headSha.startsWith(sha));
    return head ? new Approval(a.user(), headSha, a.submittedAt(), a.state()) : a;
  }

  private static TeamDirectory union(TeamDirectory a, TeamDirectory b) {
    return team -> {
      Set<String> all = new HashSet<>(a.members(team));
      all.addAll(b.members(team));
      return Set.copyOf(all);
    };
  }

  /** Migration-level drift (history, checksums) always; object drift when it is on, in or above a touched object. */
  private static boolean touches(DriftItem d, Set<String> touched) {
    if (d.objectType().equals("migration")) {
      return true;
    }
    String o = qualify(d.object());
    return touched.stream()
        .map(PolicyDecider::qualify)
        .anyMatch(t -> t.equals(o) || t.startsWith(o + ".") || o.startsWith(t + "."));
  }

  private static String qualify(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("\"", "");
    return n.contains(".") ? n : "public." + n;
  }

  /** Table and column comments from a snapshot file in the repository ({@code @pii}, {@code @owner:org/team}). */
  private static Map<String, String> snapshotComments(WardenConfig config) {
    // none, or a pg_dump -s file: no comments to read tags from
    return config
        .snapshot()
        .flatMap(WardenConfig.SnapshotConfig::path)
        .flatMap(p -> SnapshotFile.read(config.directory(), p))
        .flatMap(SnapshotFile::json)
        .<Map<String, String>>map(SchemaSnapshot::comments)
        .orElse(Map.of());
  }
}
