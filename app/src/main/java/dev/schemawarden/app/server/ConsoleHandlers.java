package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.console.Pages;
import dev.schemawarden.app.console.ProposalLog;
import dev.schemawarden.app.console.ReviewDetail;
import dev.schemawarden.app.console.ReviewFilter;
import dev.schemawarden.app.console.ReviewLog;
import dev.schemawarden.app.console.ReviewSummary;
import dev.schemawarden.app.console.Templates;
import dev.schemawarden.app.jobs.JobQueue;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The console (docs/console.md): {@code /} the reviews (and the health), {@code /reviews/{id}} one review,
 * {@code /audit} the audit log with {@code /audit/{seq}} and {@code /audit/verify}, {@code /proposals} the agents'
 * proposals, the sign-in form (failures limited per address), and {@code /api/reviews}, {@code /api/proposals},
 * {@code /api/health} as JSON. All
 * read-only; every page and endpoint asks {@link ConsoleAccess} first.
 */
final class ConsoleHandlers {
  static final int PAGE = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** No script, no inline style, no framing, forms post only here, links leak no console URL to the host. */
  private static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private static final List<String> OUTCOMES =
      Arrays.stream(AuditEvent.values()).map(AuditEvent::label).toList();

  private final ConsoleAccess access;
  private final ReviewLog reviews;
  private final AuditLog audit;
  private final JobQueue queue;
  private final ProposalLog proposals;
  private final Supplier<Pages.Replica> replica;
  private final Clock clock;
  private final Templates templates = new Templates();
  private final byte[] css;

  /** {@code replica} must answer without starting anything: every list view asks it. */
  ConsoleHandlers(
      ConsoleAccess access,
      ReviewLog reviews,
      AuditLog audit,
      JobQueue queue,
      ProposalLog proposals,
      Supplier<Pages.Replica> replica,
      Clock clock) {
    this.access = access;
    this.reviews = reviews;
    this.audit = audit;
    this.queue = queue;
    this.proposals = proposals;
    this.replica = replica;
    this.clock = clock;
    try (InputStream in = ConsoleHandlers.class.getResourceAsStream("/console/console.css")) {
      this.css = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the console's stylesheet is missing from the jar", e);
    }
  }

  void limitBearer(Context ctx) {
    access.limitBearer(ctx);
  }

  void stylesheet(Context ctx) {
    ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600").result(css);
  }

  void signInForm(Context ctx) {
    html(ctx, "signin.jte", new Pages.SignInPage("", access.token().configured()));
  }

  void signIn(Context ctx) {
    // The socket's peer, never X-Forwarded-For: a header the client writes would let it pick a
    // fresh address per try.
    String address = ctx.req().getRemoteAddr();
    Optional<Duration> wait = access.failures().retryAfter(address);
    if (wait.isPresent()) {
      long seconds = ConsoleAccess.retryAfterSeconds(wait.get());
      ctx.status(429).header("Retry-After", Long.toString(seconds));
      html(
          ctx,
          "signin.jte",
          new Pages.SignInPage(
              "Too many failed sign-ins from your address: try again in " + seconds + " s.",
              access.token().configured()));
      return;
    }
    if (access.token().matches(ctx.formParam("token"))) {
      access.failures().succeeded(address);
      access.signIn(ctx);
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      return;
    }
    access.failures().failed(address);
    ctx.status(401);
    html(
        ctx,
        "signin.jte",
        new Pages.SignInPage("That is not this service's API token.", access.token().configured()));
  }

  void signOut(Context ctx) {
    access.signOut(ctx);
    ctx.redirect("/signin", HttpStatus.SEE_OTHER);
  }

  void reviewList(Context ctx) {
    if (!access.page(ctx)) {
      return;
    }
    List<ReviewSummary> rows = List.of();
    String error = "";
    String next = "";
    try {
      rows = reviews.page(reviewFilter(ctx), before(ctx), PAGE);
      next =
          rows.size() == PAGE
              ? nextUrl(ctx, "/", Long.toString(rows.get(rows.size() - 1).id()))
              : "";
    } catch (BadRequestResponse e) {
      ctx.status(400);
      error = e.getMessage();
    }
    html(
        ctx,
        "reviews.jte",
        new Pages.ReviewsPage(
            rows,
            param(ctx, "repository"),
            param(ctx, "decision"),
            param(ctx, "since"),
            param(ctx, "until"),
            next,
            error,
            health()));
  }

  /** Two counts on the jobs table and the replica holder's state: nothing is started to answer. */
  private Pages.Health health() {
    return Pages.Health.of(
        queue.countByStatus(),
        queue.failedSince(clock.instant().minus(Duration.ofHours(24))),
        replica.get());
  }

  void apiHealth(Context ctx) {
    access.requireApi(ctx);
    Pages.Health h = health();
    ObjectNode out = JSON.createObjectNode();
    out.putObject("queue")
        .put("queued", h.queued())
        .put("running", h.running())
        .put("failed", h.failed())
        .put("done", h.done());
    out.put("failed_last_24h", h.failedLast24h());
    ObjectNode r = out.putObject("replica").put("started", h.replica().started());
    if (h.replica().started()) {
      r.put("provider", h.replica().provider()).put("server_version", h.replica().version());
    }
    ctx.contentType("application/json").result(out.toString());
  }

  void proposalList(Context ctx) {
    if (!access.page(ctx)) {
      return;
    }
    List<ProposalLog.Row> rows = proposals.page(QueryParams.text(ctx.queryParam("before")), PAGE);
    String next =
        rows.size() == PAGE ? nextUrl(ctx, "/proposals", rows.get(rows.size() - 1).id()) : "";
    html(ctx, "proposals.jte", new Pages.ProposalsPage(rows, next));
  }

  void apiProposals(Context ctx) {
    access.requireApi(ctx);
    int limit = limit(ctx);
    List<ProposalLog.Row> rows = proposals.page(QueryParams.text(ctx.queryParam("before")), limit);
    ArrayNode out = JSON.createArrayNode();
    rows.forEach(
        p ->
            out.addObject()
                .put("id", p.id())
                .put("repository", p.repository())
                .put("agent", p.agent())
                .put("acts_for", p.actsFor())
                .put("path", p.path())
                .put("decision", p.decision())
                .put("reason", p.reason())
                .put("status", p.status())
                .put("pull_request", p.pullRequest())
                .put("created_at", p.createdAt().toString()));
    if (rows.size() == limit) {
      ctx.header("X-Next-Before", rows.get(rows.size() - 1).id());
    }
    ctx.contentType("application/json").result(out.toString());
  }

  private static int limit(Context ctx) {
    int limit = (int) QueryParams.number(ctx.queryParam("limit"), PAGE, "limit");
    if (limit < 1 || limit > 1000) {
      throw new BadRequestResponse("limit must be between 1 and 1000");
    }
    return limit;
  }

  void review(Context ctx) {
    if (!access.page(ctx)) {
      return;
    }
    Optional<ReviewLog.Stored> stored = reviews.find(id(ctx, "id"));
    if (stored.isEmpty()) {
      ctx.status(404);
      html(ctx, "not-found.jte", new Pages.NotFound("No review " + ctx.pathParam("id") + "."));
      return;
    }
    html(ctx, "review.jte", ReviewDetail.of(stored.get()));
  }

  void apiReviews(Context ctx) {
    access.requireApi(ctx);
    int limit = limit(ctx);
    List<ReviewSummary> rows = reviews.page(reviewFilter(ctx), before(ctx), limit);
    ArrayNode out = JSON.createArrayNode();
    rows.forEach(r -> out.add(summary(r)));
    if (rows.size() == limit) {
      ctx.header("X-Next-Before", Long.toString(rows.get(rows.size() - 1).id()));
    }
    ctx.contentType("application/json").result(out.toString());
  }

  void apiReview(Context ctx) {
    access.requireApi(ctx);
    ReviewLog.Stored s =
        reviews
            .find(id(ctx, "id"))
            .orElseThrow(() -> new NotFoundResponse("no review " + ctx.pathParam("id")));
    ObjectNode out = summary(s.summary());
    try {
      out.set("report", JSON.readTree(s.reportJson()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.contentType("application/json").result(out.toString());
  }

  void auditList(Context ctx) {
    auditPage(ctx, Optional.empty());
  }

  void auditVerify(Context ctx) {
    if (access.allowed(ctx)) {
      auditPage(ctx, Optional.of(Pages.VerifyView.of(audit.verify())));
    } else {
      access.page(ctx);
    }
  }

  private void auditPage(Context ctx, Optional<Pages.VerifyView> verify) {
    if (!access.page(ctx)) {
      return;
    }
    List<Pages.AuditRow> rows = List.of();
    String error = "";
    String next = "";
    try {
      AuditQuery q =
          new AuditQuery(
              QueryParams.time(ctx.queryParam("since"), "since"),
              QueryParams.time(ctx.queryParam("until"), "until"),
              QueryParams.text(ctx.queryParam("object")),
              QueryParams.text(ctx.queryParam("env")),
              QueryParams.text(ctx.queryParam("outcome")).map(AuditEvent::parse),
              PAGE,
              QueryParams.text(ctx.queryParam("actor")));
      List<AuditEntry> entries =
          audit.newest(q, QueryParams.number(ctx.queryParam("before"), 0, "before"));
      rows = entries.stream().map(Pages.AuditRow::of).toList();
      next =
          entries.size() == PAGE
              ? nextUrl(ctx, "/audit", Long.toString(entries.get(entries.size() - 1).seq()))
              : "";
    } catch (BadRequestResponse | WardenException e) {
      ctx.status(400);
      error = e.getMessage();
    }
    html(
        ctx,
        "audit.jte",
        new Pages.AuditPage(
            rows,
            param(ctx, "actor"),
            param(ctx, "env"),
            param(ctx, "object"),
            param(ctx, "outcome"),
            param(ctx, "since"),
            param(ctx, "until"),
            next,
            error,
            verify,
            OUTCOMES));
  }

  void auditEntry(Context ctx) {
    if (!access.page(ctx)) {
      return;
    }
    Optional<AuditEntry> e = audit.show(id(ctx, "seq"));
    if (e.isEmpty()) {
      ctx.status(404);
      html(
          ctx, "not-found.jte", new Pages.NotFound("No audit entry " + ctx.pathParam("seq") + "."));
      return;
    }
    String body;
    try {
      body =
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(e.get().body()));
    } catch (IOException x) {
      body = e.get().body(); // a tampered body may not be JSON any more: show it as stored
    }
    html(
        ctx,
        "audit-entry.jte",
        new Pages.AuditEntryPage(Pages.AuditRow.of(e.get()), body, e.get().prevHash()));
  }

  private ReviewFilter reviewFilter(Context ctx) {
    try {
      return new ReviewFilter(
          QueryParams.text(ctx.queryParam("repository")),
          QueryParams.text(ctx.queryParam("decision")),
          QueryParams.time(ctx.queryParam("since"), "since"),
          QueryParams.time(ctx.queryParam("until"), "until"));
    } catch (WardenException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  private static OptionalLong before(Context ctx) {
    long b = QueryParams.number(ctx.queryParam("before"), 0, "before");
    return b > 0 ? OptionalLong.of(b) : OptionalLong.empty();
  }

  private static long id(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw new NotFoundResponse(name + " must be a whole number");
    }
  }

  private static String param(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).orElse("");
  }

  /** This page's URL with {@code before} set to {@code last}, the other filters kept (encoded). */
  private static String nextUrl(Context ctx, String path, String last) {
    StringBuilder url =
        new StringBuilder(path)
            .append("?before=")
            .append(URLEncoder.encode(last, StandardCharsets.UTF_8));
    ctx.queryParamMap()
        .forEach(
            (k, vs) -> {
              if (!k.equals("before") && !vs.isEmpty() && !vs.get(0).isBlank()) {
                url.append('&')
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(vs.get(0), StandardCharsets.UTF_8));
              }
            });
    return url.toString();
  }

  private static ObjectNode summary(ReviewSummary r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id())
        .put("host", r.host())
        .put("repository", r.repository())
        .put("pull_request", r.prNumber())
        .put("title", r.prTitle())
        .put("url", r.prUrl())
        .put("head_sha", r.headSha())
        .put("base_sha", r.baseSha())
        .put("decision", r.decision())
        .put("errors", r.errors())
        .put("warnings", r.warnings())
        .put("started_at", r.startedAt().toString())
        .put("duration_ms", r.durationMs());
    return n;
  }

  private void html(Context ctx, String template, Object model) {
    ctx.header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .html(templates.render(template, model));
  }
}
