package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/**
 * {@code GET /api/audit?since=&until=&repo=&env=&event=&limit=&after=}: the audit log as a JSON array, oldest first,
 * each entry its hashed body plus {@code hash}. Bodies are scrubbed of secrets when written, so nothing here can
 * leak a credential. Callers present {@code Authorization: Bearer <WARDEN_API_TOKEN>}; without a configured token
 * the endpoint answers 401 to everyone. Pages: {@code limit} (default 100, at most 1000) and {@code after} (the
 * last {@code seq} of the previous page, also sent as header {@code X-Next-After} when a page is full).
 */
final class AuditApiHandler {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AuditLog audit;
  private final ApiToken token;

  AuditApiHandler(AuditLog audit, ApiToken token) {
    this.audit = audit;
    this.token = token;
  }

  void list(Context ctx) {
    token.check(ctx.header("Authorization"));
    long requested = QueryParams.number(ctx.queryParam("limit"), DEFAULT_LIMIT, "limit");
    if (requested < 1 || requested > MAX_LIMIT) {
      throw new BadRequestResponse("limit must be between 1 and " + MAX_LIMIT);
    }
    int limit = (int) requested;
    long after = QueryParams.number(ctx.queryParam("after"), 0, "after");
    AuditQuery q;
    try {
      q =
          new AuditQuery(
              QueryParams.time(ctx.queryParam("since"), "since"),
              QueryParams.time(ctx.queryParam("until"), "until"),
              QueryParams.text(ctx.queryParam("repo")),
              QueryParams.text(ctx.queryParam("env")),
              QueryParams.text(ctx.queryParam("event")).map(AuditEvent::parse),
              limit,
              QueryParams.text(ctx.queryParam("actor")));
    } catch (WardenException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    ArrayNode page = audit.api(q, after);
    if (page.size() == limit) {
      ctx.header("X-Next-After", page.get(page.size() - 1).path("seq").asText());
    }
    ctx.contentType("application/json").result(page.toString());
  }
}
