package dev.schemawarden.app.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to undo an apply, computed before anything runs: steps in the order they must run (the reverse of the
 * apply). The plan is {@link #reversible()} only when no step is {@link Kind#IRREVERSIBLE} or {@link Kind#MANUAL}.
 */
public record RollbackPlan(List<Step> steps) {

  public enum Kind {
    /** The inverse statement restores the schema (e.g. DROP INDEX CONCURRENTLY for CREATE INDEX). */
    INVERSE,
    /** The repository's own down/undo migration (Flyway U, golang-migrate .down.sql). */
    DOWN_MIGRATION,
    /** Nothing to undo (SET, BEGIN/COMMIT, VALIDATE CONSTRAINT). */
    NOT_NEEDED,
    /** Nothing restores the data (DROP COLUMN/TABLE, TRUNCATE, DELETE). */
    IRREVERSIBLE,
    /** An inverse may exist but Schema Warden cannot write it; a person must. */
    MANUAL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param forSql the applied statement (or migration) this step undoes
   * @param sql the undo statement(s); empty for IRREVERSIBLE, MANUAL and NOT_NEEDED
   */
  public record Step(
      String migration, int line, String forSql, Kind kind, String sql, String note) {
    public Step {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(forSql, "forSql");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(note, "note");
    }
  }

  public RollbackPlan {
    steps = List.copyOf(steps);
  }

  public boolean reversible() {
    return steps.stream().noneMatch(s -> s.kind() == Kind.IRREVERSIBLE || s.kind() == Kind.MANUAL);
  }

  /** The statements to run, in order. */
  public List<String> statements() {
    List<String> out = new ArrayList<>();
    steps.stream().filter(s -> !s.sql().isEmpty()).forEach(s -> out.add(s.sql()));
    return out;
  }

  public JsonNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("reversible", reversible());
    ArrayNode a = n.putArray("steps");
    for (Step s : steps) {
      ObjectNode o = a.addObject();
      o.put("migration", s.migration());
      o.put("line", s.line());
      o.put("for", s.forSql());
      o.put("kind", s.kind().label());
      o.put("sql", s.sql());
      o.put("note", s.note());
    }
    return n;
  }

  public static RollbackPlan fromJson(JsonNode n) {
    List<Step> steps = new ArrayList<>();
    n.path("steps")
        .forEach(
            o ->
                steps.add(
                    new Step(
                        o.path("migration").asText(),
                        o.path("line").asInt(),
                        o.path("for").asText(),
                        Kind.valueOf(o.path("kind").asText().toUpperCase(Locale.ROOT)),
                        o.path("sql").asText(),
                        o.path("note").asText())));
    return new RollbackPlan(steps);
  }
}
