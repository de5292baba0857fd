package dev.schemawarden.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored audit entry: its position, time and chain links, plus the canonical JSON body that {@code hash} covers
 * ({@code hash = sha256(body)}; {@code body} includes {@code seq}, {@code time} and {@code prev_hash}).
 */
public record AuditEntry(
    long seq,
    Instant time,
    AuditEvent event,
    String repository,
    int pr,
    String environment,
    String headSha,
    String mergeSha,
    String body,
    String prevHash,
    String hash) {

  /** {@code prev_hash} of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(body, "body");
  }

  /** The body as a JSON tree (the entry's every field). */
  public ObjectNode json() {
    try {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("audit entry " + seq + " has a body that is not JSON", e);
    }
  }

  /** The body plus {@code hash}: what {@code warden audit show/export} prints. */
  public ObjectNode withHash() {
    ObjectNode n = json();
    n.put("hash", hash);
    return n;
  }

  /** A field of the body, e.g. {@code rollback_plan}. */
  public JsonNode field(String name) {
    return json().path(name);
  }
}
