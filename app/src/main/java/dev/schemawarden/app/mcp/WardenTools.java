package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.CanonicalJson;
import dev.schemawarden.app.cli.AuditCommand;
import dev.schemawarden.app.cli.PolicyCommand;
import dev.schemawarden.app.cli.Renderers;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.ReportFormat;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.LintRequest;
import dev.schemawarden.app.review.PrPeople;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicyProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What each tool does once the gateway ({@link McpGateway}) let the call through. Nothing here reads outside the
 * repository root given at start (every path goes through {@link RepositoryFiles}), opens a connection to a
 * database an agent could name, or returns a credential: the snapshot comes from a file, never from its URL.
 */
final class WardenTools {
  static final String REVIEW = "review_migration";
  static final String GET_POLICY = "get_policy";
  static final String EXPLAIN = "explain_decision";
  static final String DESCRIBE = "describe_schema";
  static final String AUDIT = "query_audit";
  static final String EXPLAIN_OBJECT = "explain_object";
  static final String PROPOSE = "propose_migration";
  static final String STATUS = "get_proposal_status";
  static final String REQUEST_APPLY = "request_apply";
  static final String QUERY = "run_readonly_query";
  static final Set<String> NAMES =
      Set.of(
          REVIEW,
          GET_POLICY,
          EXPLAIN,
          DESCRIBE,
          AUDIT,
          EXPLAIN_OBJECT,
          PROPOSE,
          STATUS,
          REQUEST_APPLY,
          QUERY);

  /** Each tool's arguments, as its input schema in {@link McpServe} lists them; any other is refused. */
  static final java.util.Map<String, Set<String>> ARGUMENTS =
      java.util.Map.of(
          REVIEW, Set.of("sql", "files", "base"),
          GET_POLICY, Set.of(),
          EXPLAIN, Set.of("report", "file"),
          DESCRIBE, Set.of("table"),
          AUDIT, Set.of("since", "until", "repo", "env", "event", "actor", "after", "limit"),
          EXPLAIN_OBJECT, Set.of("table"),
          PROPOSE, Set.of("sql", "path", "name", "down_sql"),
          STATUS, Set.of("proposal_id"),
          REQUEST_APPLY, Set.of("proposal_id", "sql"),
          QUERY, Set.of("sql"));

  /** SQL text an agent may send inline; a longer migration belongs in a file of the repository. */
  static final int MAX_SQL_CHARS = 1 << 20;

  static final int MAX_AUDIT_ENTRIES = 500;

  /** A tool's answer: the text the agent reads, and one line for the audit entry. */
  record Answer(String text, String summary) {}

  private final ReviewService service;
  private final Renderers renderers;
  private final Path root;
  private final Optional<Path> snapshot;
  private final Supplier<AuditLog> audit;
  private final ProposalTools proposals;
  private final java.util.Map<String, String> env;

  /**
   * @param proposals the state store's proposals (opened when first needed over stdio)
   * @param env warden's environment: only {@code run_readonly_query} reads it, for the variable the agents file names
   */
  WardenTools(
      ReviewService service,
      Renderers renderers,
      Path root,
      Optional<Path> snapshot,
      Supplier<AuditLog> audit,
      Supplier<Proposals> proposals,
      java.util.Map<String, String> env) {
    this(
        service, renderers, root, snapshot, audit, proposals, env, Optional.empty(), Agents.none());
  }

  /**
   * @param host where {@code propose_migration} opens pull requests and {@code request_apply} reads them; empty:
   *     proposals stay in the state store
   * @param agents the agents file: its agents' names (never approvers) and its apply target
   */
  WardenTools(
      ReviewService service,
      Renderers renderers,
      Path root,
      Optional<Path> snapshot,
      Supplier<AuditLog> audit,
      Supplier<Proposals> proposals,
      java.util.Map<String, String> env,
      Optional<ProposalHost> host,
      Agents agents) {
    this.service = service;
    this.renderers = renderers;
    this.root = root;
    this.snapshot = snapshot;
    this.audit = audit;
    this.proposals =
        new ProposalTools(
            service,
            renderers,
            root,
            snapshot,
            proposals,
            new ProposalApply(service.configLoader(), audit, agents, env, host, root));
    this.env = java.util.Map.copyOf(env);
  }

  Answer call(String tool, ToolArgs args, Agents.Agent agent) {
    return switch (tool) {
      case REVIEW -> review(args, agent);
      case GET_POLICY -> policy();
      case EXPLAIN -> explain(args);
      case DESCRIBE -> describe(args);
      case AUDIT -> queryAudit(args);
      case EXPLAIN_OBJECT -> explainObject(args);
      case PROPOSE -> proposals.propose(args, agent);
      case STATUS -> proposals.status(args, agent);
      case REQUEST_APPLY -> proposals.requestApply(args, agent);
      case QUERY -> query(args, agent);
      default ->
          throw new WardenException(
              ErrorCode.USAGE, "unknown tool '" + tool + "': use one of " + NAMES);
    };
  }

  /** SQL text or files: the static review ({@code warden lint}); a base ref: the full review of the change. */
  private Answer review(ToolArgs args, Agents.Agent agent) {
    Optional<String> sql = args.text("sql");
    List<String> files = args.texts("files");
    Optional<String> base = args.text("base");
    int given = (sql.isPresent() ? 1 : 0) + (files.isEmpty() ? 0 : 1) + (base.isPresent() ? 1 : 0);
    if (given != 1) {
      throw new WardenException(
          ErrorCode.INPUT,
          REVIEW
              + ": give exactly one of sql (the text), files (paths in"
              + " the repository) or base (a git ref to review the repository's change against)");
    }
    ReviewReport report;
    if (sql.isPresent()) {
      report = lintText(sql.get());
    } else if (!files.isEmpty()) {
      List<Path> paths = files.stream().map(this::inRepository).toList();
      report =
          service.lint(
              new LintRequest(paths, config(), Optional.empty(), Optional.empty(), true),
              Progress.NONE);
    } else {
      String ref = base.get();
      if (!ref.matches("[A-Za-z0-9][A-Za-z0-9._/~^-]{0,199}")) {
        throw new WardenException(
            ErrorCode.INPUT, REVIEW + ": base '" + ref + "' is not a branch, tag or commit");
      }
      // The agent acts for its principal: the policy sees them as the change's author, so their own
      // approval never counts for a change their agent wrote.
      PrPeople people =
          new PrPeople(
              0,
              Optional.of(agent.actsFor()),
              Set.of(),
              List.of(),
              Set.of(),
              Optional.empty(),
              Optional.empty(),
              dev.schemawarden.policy.api.TeamDirectory.empty(),
              List.of(),
              List.of(),
              PrPeople.DEFAULT_BOT);
      report =
          service.review(
              new ReviewRequest(
                  root,
                  new ReviewRequest.Base.GitRef(ref),
                  "HEAD",
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  snapshot,
                  people),
              Progress.NONE);
    }
    String summary =
        report.kind()
            + ": "
            + report.findings().size()
            + " finding(s)"
            + report.decision().map(d -> ", decision " + d.outcome().label()).orElse("")
            + (report.errors().isEmpty() ? "" : ", " + report.errors().size() + " error(s)");
    return new Answer(renderers.render(report, ReportFormat.JSON), summary);
  }

  private ReviewReport lintText(String sql) {
    if (sql.length() > MAX_SQL_CHARS) {
      throw new WardenException(
          ErrorCode.INPUT,
          REVIEW
              + ": sql is "
              + sql.length()
              + " characters, over the "
              + MAX_SQL_CHARS
              + " an agent may send inline: commit the migration and pass it as files");
    }
    Path dir = null;
    try {
      dir = FileTrees.createTemporary("warden-mcp-");
      Path file = Files.writeString(dir.resolve("migration.sql"), sql, StandardCharsets.UTF_8);
      return service.lint(
          new LintRequest(List.of(file), config(), Optional.empty(), Optional.empty()),
          Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        FileTrees.delete(dir);
      }
    }
  }

  /** A path the agent named, inside the repository or refused with the reason (a link out, {@code ..}, a FIFO). */
  private Path inRepository(String relative) {
    RepositoryFiles.Lookup found = RepositoryFiles.lookup(root, relative);
    if (found instanceof RepositoryFiles.Refused r) {
      throw new WardenException(ErrorCode.INPUT, REVIEW + ": " + relative + " " + r.reason());
    }
    if (found instanceof RepositoryFiles.Missing) {
      throw new WardenException(
          ErrorCode.INPUT,
          REVIEW
              + ": "
              + relative
              + ": no such file in the repository:"
              + " paths are relative to its root");
    }
    return found instanceof RepositoryFiles.Found f
        ? f.real()
        : ((RepositoryFiles.Directory) found).real();
  }

  private Optional<Path> config() {
    return RepositoryFiles.lookup(root, WardenConfig.FILE_NAME) instanceof RepositoryFiles.Found f
        ? Optional.of(f.real())
        : Optional.empty();
  }

  private WardenConfig repositoryConfig() {
    return service.configLoader().loadFromRepo(root);
  }

  /** The policy and context in force for this repository, as files, with their problems. */
  private Answer policy() {
    WardenConfig config = repositoryConfig();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Optional<RepositoryFile> policyFile =
        config.policy().map(p -> new RepositoryFile(config.directory(), p));
    out.put(
        "policy_source",
        policyFile.map(RepositoryFile::path).orElse("(the shipped default policy)"));
    List<PolicyProblem> problems = new ArrayList<>();
    if (policyFile.isPresent()) {
      out.put("policy", policyFile.get().readIfExists(1L << 20, ErrorCode.CONFIG).orElse(""));
      problems.addAll(PolicyLoader.check(policyFile.get()));
    } else {
      try (var in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
        out.put("policy", in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    config
        .context()
        .map(c -> new RepositoryFile(config.directory(), c))
        .ifPresent(
            c -> {
              out.put("context_source", c.path());
              out.put("context", c.readIfExists(1L << 20, ErrorCode.CONFIG).orElse(""));
              problems.addAll(PolicyLoader.checkContext(c));
            });
    ArrayNode p = out.putArray("problems");
    problems.forEach(x -> p.add(x.toString()));
    return new Answer(
        out.toPrettyString(),
        "policy from "
            + out.path("policy_source").asText()
            + ", "
            + problems.size()
            + " problem(s)");
  }

  /** {@code warden policy explain}'s reading of a JSON report: the report text, or a report file in the repository. */
  private Answer explain(ToolArgs args) {
    Optional<String> text = args.text("report");
    Optional<String> file = args.text("file");
    if (text.isPresent() == file.isPresent()) {
      throw new WardenException(
          ErrorCode.INPUT,
          EXPLAIN
              + ": give report (the JSON review_migration returned) or"
              + " file (a JSON report in the repository)");
    }
    String source = file.orElse("report");
    String json = text.orElseGet(() -> RepositoryFiles.read(root, file.get(), 16L << 20));
    JsonNode root;
    try {
      root = CanonicalJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          EXPLAIN
              + ": "
              + source
              + " is not JSON ("
              + e.getMessage()
              + "): pass what review_migration returned with base",
          e);
    }
    Decision d = PolicyCommand.decision(root, source);
    return new Answer(PolicyCommand.explain(d, false), "decision " + d.outcome().label());
  }

  private Answer describe(ToolArgs args) {
    ObjectNode out = SchemaDescriber.describe(repositoryConfig(), snapshot, args.text("table"));
    return new Answer(
        out.toPrettyString(),
        out.path("tables").size()
            + " table(s) from "
            + out.path("snapshot").path("source").asText());
  }

  private Answer explainObject(ToolArgs args) {
    String table =
        args.text("table")
            .filter(t -> !t.isBlank())
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.INPUT,
                        EXPLAIN_OBJECT + ": give table, a table's name or schema.name"));
    ObjectNode out = ObjectExplainer.explain(root, repositoryConfig(), snapshot, table);
    return new Answer(
        out.toPrettyString(),
        out.path("table").asText()
            + ": "
            + out.path("dependents").size()
            + " dependent(s), "
            + out.path("foreign_keys_in").size()
            + " foreign key(s) in, "
            + out.path("recent_migrations").size()
            + " migration(s)");
  }

  private Answer query(ToolArgs args, Agents.Agent agent) {
    String sql =
        args.text("sql")
            .orElseThrow(
                () -> new WardenException(ErrorCode.INPUT, QUERY + ": give sql, one SELECT"));
    ObjectNode out = ReadonlyQuery.run(agent, env, sql, this::piiContext);
    return new Answer(
        out.toPrettyString(),
        out.path("row_count").asInt()
            + " row(s)"
            + (out.path("truncated").asBoolean() ? ", cut at the row cap" : "")
            + (out.has("masked_columns")
                ? ", " + out.path("masked_columns").size() + " column(s) masked"
                : ""));
  }

  /**
   * The tags {@code describe_schema} shows: the context file, plus the snapshot's {@code @pii} comments when a
   * snapshot is configured (one that is configured but unreadable fails the call: no unmasked fallback).
   */
  private dev.schemawarden.policy.api.SchemaContext piiContext() {
    WardenConfig config = repositoryConfig();
    if (snapshot.isPresent()
        || config.snapshot().flatMap(WardenConfig.SnapshotConfig::path).isPresent()) {
      return SchemaDescriber.load(config, snapshot, QUERY).context();
    }
    return config
        .context()
        .map(c -> PolicyLoader.loadContext(new RepositoryFile(config.directory(), c)))
        .orElseGet(dev.schemawarden.policy.api.SchemaContext::empty);
  }

  /** {@code warden audit list}'s filters; at most {@value #MAX_AUDIT_ENTRIES} entries a call, oldest first. */
  private Answer queryAudit(ToolArgs args) {
    int limit = (int) Math.max(1, Math.min(MAX_AUDIT_ENTRIES, args.number("limit").orElse(100L)));
    AuditQuery q =
        new AuditQuery(
            args.text("since").map(AuditCommand::time),
            args.text("until").map(AuditCommand::time),
            args.text("repo"),
            args.text("env"),
            args.text("event").map(AuditEvent::parse),
            limit,
            args.text("actor"));
    List<AuditEntry> entries = audit.get().list(q, args.number("after").orElse(0L));
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    entries.forEach(e -> a.add(e.withHash()));
    return new Answer(a.toPrettyString(), entries.size() + " entries");
  }
}
