package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementFacts;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs lint rules over the migrations of one change. Severity, version gating, suppression and crash isolation
 * live here, never in rules: a rule reports every occurrence and the runner's reporter decides what is kept.
 */
public final class LintRunner implements Linter {

  private static final Logger LOG = LoggerFactory.getLogger(LintRunner.class);

  /**
   * Findings no setting lowers and no {@code warden:ignore} hides: SQL000 (the rest of the file is unreviewed) and
   * TR108 (the change tried to leave the sandbox). The change's author controls both comments and, in the CLI, the
   * settings.
   */
  public static final Set<String> FIXED =
      Set.of(
          SystemRules.SQL000.id(),
          dev.schemawarden.analyzers.internal.impact.TraceRules.TR108.id());

  private final DatabaseEngine engine;
  private final LintSettings settings;
  private final List<LintRule> rules;
  private final List<LintRule> active;

  /** The ids whose suppressions count as used: the active rules and INTERNAL (the same for every migration). */
  private final Set<String> ran;

  public LintRunner(DatabaseEngine engine, LintSettings settings, List<LintRule> rules) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rules = List.copyOf(rules);
    validate();
    this.active = this.rules.stream().filter(this::runs).toList();
    Set<String> ids = new HashSet<>(List.of(SystemRules.INTERNAL.id()));
    active.forEach(rule -> ids.add(rule.meta().id()));
    this.ran = Set.copyOf(ids);
  }

  /** Fails fast on a rule id in the configuration that no rule has: a typo would otherwise silently do nothing. */
  private void validate() {
    Set<String> named = new LinkedHashSet<>(settings.severities().keySet());
    named.addAll(settings.disabled());
    for (String key : named) {
      Optional<String> fixed = resolve(key).map(RuleMeta::id).filter(FIXED::contains);
      if (fixed.isPresent()) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "rule "
                + fixed.get()
                + " in the lint settings cannot be lowered or disabled (it guards the review"
                + " itself: see "
                + RuleMeta.docPath(fixed.get())
                + "); remove it from the settings");
      }
      if (resolve(key).isEmpty()) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "unknown rule '"
                + key
                + "' in the lint settings: did you mean "
                + Catalog.closest(key)
                + "? The rule ids are listed in "
                + RuleMeta.DOCS_DIR
                + "README.md");
      }
    }
  }

  private boolean runs(LintRule rule) {
    RuleMeta meta = rule.meta();
    return settings.severityOf(meta) != Severity.OFF
        && (meta.engines().isEmpty() || meta.engines().contains(engine.id()))
        && meta.appliesTo(settings.serverVersion());
  }

  /** The rule (built-in, system, or one this runner was given) with this id or slug. */
  private Optional<RuleMeta> resolve(String idOrSlug) {
    Optional<RuleMeta> own =
        rules.stream()
            .map(LintRule::meta)
            .filter(
                m -> m.id().equalsIgnoreCase(idOrSlug.trim()) || m.slug().equals(idOrSlug.trim()))
            .findFirst();
    return own.isPresent() ? own : Catalog.find(idOrSlug);
  }

  @Override
  public List<Finding> lint(List<Migration> migrationsOfTheChange) {
    // Which tables are new is known before each migration from the ones before it (cheap, in
    // order); the rules then judge each migration on its own, so large inputs (warden lint over a
    // whole history) use every core.
    List<QualifiedName> newTables = new ArrayList<>();
    List<List<QualifiedName>> createdBefore = new ArrayList<>(migrationsOfTheChange.size());
    for (Migration migration : migrationsOfTheChange) {
      for (SqlStatement s : migration.statements()) {
        if (s.change() instanceof Change.CreateTable ct) {
          newTables.add(ct.table());
        }
      }
      createdBefore.add(List.copyOf(newTables));
    }
    IntStream indexes = IntStream.range(0, migrationsOfTheChange.size());
    if (migrationsOfTheChange.size() >= PARALLEL_FROM) {
      indexes = indexes.parallel();
    }
    List<Finding> out =
        new ArrayList<>(
            indexes
                .mapToObj(
                    i -> {
                      List<QualifiedName> created = createdBefore.get(i);
                      List<Finding> found = new ArrayList<>();
                      Migration migration = migrationsOfTheChange.get(i);
                      lintOne(migration, t -> created.stream().anyMatch(c -> c.matches(t)), found);
                      return DownMigration.isRollback(migration.kind())
                          ? asRollbackPlan(found)
                          : found;
                    })
                .flatMap(List::stream)
                .toList());
    out.sort(Finding.ORDER);
    return List.copyOf(out);
  }

  /**
   * A down or undo migration is a rollback plan no deploy runs: what its rules find is worth reading, never a reason
   * to block the change, so every finding is capped at INFO (SQL000 included: the rollback is not what the deploy
   * sends to PostgreSQL).
   */
  private static List<Finding> asRollbackPlan(List<Finding> found) {
    return found.stream()
        .map(f -> f.severity().atLeast(Severity.WARNING) ? f.withSeverity(Severity.INFO) : f)
        .toList();
  }

  /** Below this many migrations (a typical pull request) threads cost more than they save. */
  private static final int PARALLEL_FROM = 32;

  private void lintOne(Migration migration, Predicate<QualifiedName> isNew, List<Finding> out) {
    if (migration.refusal().isPresent()) {
      // Nothing was read, so no rule can judge it; the refusal itself is the finding (never the
      // target's text).
      Severity severity = settings.severityOf(SystemRules.WD003);
      if (severity != Severity.OFF) {
        out.add(
            new Finding(
                SystemRules.WD003.id(),
                severity,
                SourceSpan.ofLine(migration.path(), 1),
                migration.refusal().get(),
                Optional.empty(),
                List.of(),
                ""));
      }
      return;
    }
    Severity notTraced = settings.severityOf(SystemRules.WD004);
    if (notTraced != Severity.OFF) {
      // Code the changelog names (a customChange class) is never run: the reviewer must read it
      // instead.
      for (Migration.NotTraced part : migration.notTraced()) {
        out.add(
            new Finding(
                SystemRules.WD004.id(),
                notTraced,
                SourceSpan.ofLine(migration.path(), part.line()),
                migration.label() + ": " + part.reason(),
                Optional.empty(),
                List.of(),
                ""));
      }
    }
    List<StatementFacts> facts =
        TransactionFacts.compute(migration, engine, settings.serverVersion(), isNew);
    Suppressions suppressions = Suppressions.parse(migration, this::resolve);
    // What the engine predicts for a statement is asked by many rules: each statement is worked out
    // once per file.
    Predictions predictions = new Predictions(migration.statements().size());
    for (LintRule rule : active) {
      RuleMeta meta = rule.meta();
      Context ctx =
          new Context(
              rule,
              settings.severityOf(meta),
              migration,
              facts,
              isNew,
              suppressions,
              predictions,
              out);
      try {
        rule.check(migration, ctx);
      } catch (RuntimeException | StackOverflowError e) {
        LOG.warn("lint rule {} crashed on {}", meta.id(), migration.path(), e);
        Finding crash =
            new Finding(
                SystemRules.INTERNAL.id(),
                settings.severityOf(SystemRules.INTERNAL),
                fileSpan(migration),
                "rule "
                    + meta.id()
                    + " ("
                    + meta.slug()
                    + ") crashed on "
                    + migration.label()
                    + ": "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "; its findings for this migration may be missing, the other rules ran",
                Optional.empty(),
                List.of(),
                "");
        keep(crash, Optional.empty(), suppressions, out);
      }
    }
    unterminated(migration, out);
    for (Suppressions.Problem p : suppressions.problems()) {
      system(SystemRules.WD001, p, out);
    }
    for (Suppressions.Problem p : suppressions.unused(ran)) {
      system(SystemRules.WD002, p, out);
    }
  }

  /** SQL000 where the scanner found a construct never closed: at its opening, at ERROR, not suppressible. */
  private void unterminated(Migration migration, List<Finding> out) {
    for (SqlStatement s : migration.statements()) {
      s.scanError()
          .ifPresent(
              e ->
                  out.add(
                      new Finding(
                          SystemRules.SQL000.id(),
                          Severity.ERROR,
                          new SourceSpan(
                              migration.path(), e.line(), e.column(), e.line(), e.column()),
                          e.message()
                              + "; until it is closed, the rest of "
                              + migration.label()
                              + " (from line "
                              + s.line()
                              + ") is one statement that no rule can review and "
                              + serverName()
                              + " rejects",
                          Optional.empty(),
                          List.of(),
                          s.sql())));
    }
  }

  /** The server, as a message names it. */
  private String serverName() {
    return switch (engine.id()) {
      case "mysql" -> "MySQL";
      case "mariadb" -> "MariaDB";
      default -> "PostgreSQL";
    };
  }

  private void system(RuleMeta meta, Suppressions.Problem p, List<Finding> out) {
    Severity severity = settings.severityOf(meta);
    if (severity != Severity.OFF) {
      out.add(
          new Finding(meta.id(), severity, p.span(), p.message(), Optional.empty(), List.of(), ""));
    }
  }

  private static void keep(
      Finding f, Optional<SqlStatement> statement, Suppressions suppressions, List<Finding> out) {
    if (!suppressions.suppresses(f, statement)) {
      out.add(f);
    }
  }

  private static SourceSpan fileSpan(Migration migration) {
    return migration.statements().isEmpty()
        ? SourceSpan.ofLine(migration.path(), 1)
        : migration.statements().get(0).span();
  }

  /** One rule's view of one migration; its reporter stamps severity and passes findings through suppression. */
  private final class Context implements RuleContext {
    private final LintRule rule;
    private final RuleMeta meta;
    private final Severity severity;
    private final Migration migration;
    private final List<StatementFacts> facts;
    private final Predicate<QualifiedName> isNew;
    private final Suppressions suppressions;
    private final Predictions predictions;
    private final List<Finding> out;

    Context(
        LintRule rule,
        Severity severity,
        Migration migration,
        List<StatementFacts> facts,
        Predicate<QualifiedName> isNew,
        Suppressions suppressions,
        Predictions predictions,
        List<Finding> out) {
      this.rule = rule;
      this.meta = rule.meta();
      this.severity = severity;
      this.migration = migration;
      this.facts = facts;
      this.isNew = isNew;
      this.suppressions = suppressions;
      this.predictions = predictions;
      this.out = out;
    }

    @Override
    public ServerVersion serverVersion() {
      return settings.serverVersion();
    }

    @Override
    public String engine() {
      return engine.id();
    }

    @Override
    public boolean isNewTable(QualifiedName table) {
      return isNew.test(table);
    }

    @Override
    public StatementFacts facts(SqlStatement statement) {
      return facts.get(own(statement).index());
    }

    @Override
    public List<PredictedLock> predictedLocks(SqlStatement statement) {
      int i = own(statement).index();
      List<PredictedLock> locks = predictions.locks[i];
      if (locks == null) {
        locks =
            engine.predictLocks(statement.change(), settings.serverVersion()).stream()
                .filter(l -> !isNew.test(l.relation()))
                .toList();
        predictions.locks[i] = locks;
      }
      return locks;
    }

    @Override
    public boolean mustRunOutsideTransaction(SqlStatement statement) {
      int i = own(statement).index();
      Boolean outside = predictions.outsideTransaction[i];
      if (outside == null) {
        outside = engine.mustRunOutsideTransaction(statement, settings.serverVersion());
        predictions.outsideTransaction[i] = outside;
      }
      return outside;
    }

    @Override
    public void report(SqlStatement statement, String message, List<Fix> fixes) {
      report(statement, rule.concern(own(statement)), message, fixes);
    }

    @Override
    public void report(SqlStatement statement, String concern, String message, List<Fix> fixes) {
      SqlStatement s = own(statement);
      keep(
          new Finding(
              meta.id(),
              severity,
              s.span(),
              message,
              Optional.empty(),
              fixes,
              s.sql(),
              concern,
              List.of(
                  new Finding.Evidence(
                      Finding.Evidence.Kind.PREDICTED, meta.id(), s.line(), false, ""))),
          Optional.of(s),
          suppressions,
          out);
    }

    @Override
    public void reportFile(Migration m, String message, List<Fix> fixes) {
      SourceSpan at = fileSpan(m);
      keep(
          new Finding(
              meta.id(),
              severity,
              at,
              message,
              Optional.empty(),
              fixes,
              "",
              meta.id(),
              List.of(
                  new Finding.Evidence(
                      Finding.Evidence.Kind.PREDICTED, meta.id(), at.line(), false, ""))),
          Optional.empty(),
          suppressions,
          out);
    }

    private SqlStatement own(SqlStatement statement) {
      int i = statement.index();
      // Rules pass the migration's own instances: identity first, a record's equals costs far more
      // in cold code.
      if (i < 0
          || i >= migration.statements().size()
          || (migration.statements().get(i) != statement
              && !migration.statements().get(i).equals(statement))) {
        throw new IllegalArgumentException(
            "statement at "
                + statement.span()
                + " is not statement "
                + i
                + " of "
                + migration.path());
      }
      return statement;
    }
  }

  /** The engine's answers for each statement of one migration, worked out on the first rule's question. */
  private static final class Predictions {
    final List<PredictedLock>[] locks;
    final Boolean[] outsideTransaction;

    @SuppressWarnings("unchecked")
    Predictions(int statements) {
      locks = new List[statements];
      outsideTransaction = new Boolean[statements];
    }
  }
}
