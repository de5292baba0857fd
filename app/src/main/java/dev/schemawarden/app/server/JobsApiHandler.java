package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.jobs.JobAdmin;
import dev.schemawarden.app.jobs.JobView;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/jobs?status=&limit=}, {@code POST /api/jobs/{id}/retry}, {@code POST /api/jobs/{id}/cancel}:
 * the queue for operators, behind the same bearer token as {@code /api/audit}. Jobs are shown without their
 * payload. A retry or cancel that does not apply to the job's status answers 409 with the reason.
 */
final class JobsApiHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int DEFAULT_LIMIT = 100;

  private final JobAdmin jobs;
  private final ApiToken token;
  private final Runnable wakeWorkers;

  JobsApiHandler(JobAdmin jobs, ApiToken token, Runnable wakeWorkers) {
    this.jobs = jobs;
    this.token = token;
    this.wakeWorkers = wakeWorkers;
  }

  void list(Context ctx) {
    token.check(ctx.header("Authorization"));
    Optional<String> status =
        Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank());
    int limit = limit(ctx.queryParam("limit"));
    List<JobView> page;
    try {
      page = jobs.list(status, limit);
    } catch (WardenException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    ArrayNode out = JSON.createArrayNode();
    page.forEach(j -> out.add(j.json()));
    ctx.contentType("application/json").result(out.toString());
  }

  void retry(Context ctx) {
    token.check(ctx.header("Authorization"));
    change(ctx, () -> jobs.retry(id(ctx)));
    wakeWorkers.run();
  }

  void cancel(Context ctx) {
    token.check(ctx.header("Authorization"));
    change(ctx, () -> jobs.cancel(id(ctx)));
  }

  private static void change(Context ctx, java.util.function.Supplier<JobView> action) {
    try {
      ctx.contentType("application/json").result(action.get().json().toString());
    } catch (WardenException e) {
      if (e.getMessage().startsWith("no job ")) {
        throw new NotFoundResponse(e.getMessage());
      }
      ctx.status(409)
          .contentType("application/json")
          .result(JSON.createObjectNode().put("error", e.getMessage()).toString());
    }
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("job id must be a whole number");
    }
  }

  private static int limit(String s) {
    if (s == null || s.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(s.trim());
      if (n >= 1 && n <= JobAdmin.MAX_LIST) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequestResponse("limit must be between 1 and " + JobAdmin.MAX_LIST);
  }
}
