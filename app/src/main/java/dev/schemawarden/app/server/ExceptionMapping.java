package dev.schemawarden.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.host.MalformedDeliveryException;
import dev.schemawarden.app.state.StateStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP statuses. Bodies are JSON {@code {"error": "..."}}; messages come from our
 * own exceptions, which never carry secrets, and unexpected exceptions answer a generic text (logged once here).
 */
final class ExceptionMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ExceptionMapping.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExceptionMapping() {}

  static void register(JavalinConfig config) {
    config.routes.exception(
        HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage()));
    config.routes.exception(
        MalformedDeliveryException.class, (e, ctx) -> answer(ctx, 400, e.getMessage()));
    config.routes.exception(
        StateStore.StateException.class,
        (e, ctx) -> {
          LOG.error(
              "state store failed while accepting a delivery; the host will redeliver: {}",
              e.getMessage());
          answer(ctx, 503, "state store unavailable; retry later");
        });
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
          answer(ctx, 500, "internal error");
        });
  }

  private static void answer(Context ctx, int status, String message) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("error", message == null ? "" : message));
    } catch (JsonProcessingException e) {
      body = "{\"error\":\"\"}";
    }
    ctx.status(status).contentType("application/json").result(body);
  }
}
