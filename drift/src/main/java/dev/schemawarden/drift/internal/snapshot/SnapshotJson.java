package dev.schemawarden.drift.internal.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.AppliedMigration;
import dev.schemawarden.drift.api.SchemaSnapshot.Column;
import dev.schemawarden.drift.api.SchemaSnapshot.Constraint;
import dev.schemawarden.drift.api.SchemaSnapshot.Dependency;
import dev.schemawarden.drift.api.SchemaSnapshot.Extension;
import dev.schemawarden.drift.api.SchemaSnapshot.Index;
import dev.schemawarden.drift.api.SchemaSnapshot.RelationStats;
import dev.schemawarden.drift.api.SchemaSnapshot.Routine;
import dev.schemawarden.drift.api.SchemaSnapshot.Schema;
import dev.schemawarden.drift.api.SchemaSnapshot.Sequence;
import dev.schemawarden.drift.api.SchemaSnapshot.Table;
import dev.schemawarden.drift.api.SchemaSnapshot.Trigger;
import dev.schemawarden.drift.api.SchemaSnapshot.TypeDef;
import dev.schemawarden.drift.api.SchemaSnapshot.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The snapshot file format: JSON with snake_case keys in a fixed order, two-space indent, absent values left out,
 * one trailing newline. Written field by field (not by reflection) so the format is exactly what
 * docs/snapshot-and-drift.md describes and stays stable when the records grow.
 */
public final class SnapshotJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SnapshotJson() {}

  public static String write(SchemaSnapshot s) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", s.formatVersion());
    root.put("engine", s.engine());
    root.put("taken_at", s.takenAt().toString());
    ObjectNode server = root.putObject("server");
    server.put("version", s.server().version());
    server.put("version_num", s.server().versionNum());
    ObjectNode settings = server.putObject("settings");
    s.server().settings().forEach(settings::put);
    list(
        root,
        "schemas",
        s.schemas(),
        (o, x) -> {
          o.put("name", x.name());
          o.put("owner", x.owner());
          strings(o, "acl", x.acl());
          opt(o, "comment", x.comment());
        });
    list(
        root,
        "extensions",
        s.extensions(),
        (o, x) -> {
          o.put("name", x.name());
          o.put("schema", x.schema());
          o.put("version", x.version());
        });
    list(
        root,
        "types",
        s.types(),
        (o, x) -> {
          o.put("schema", x.schema());
          o.put("name", x.name());
          o.put("kind", x.kind());
          strings(o, "labels", x.labels());
          opt(o, "base_type", x.baseType());
          opt(o, "default", x.defaultExpr());
          if (x.notNull()) {
            o.put("not_null", true);
          }
          list(o, "constraints", x.constraints(), SnapshotJson::constraint);
          list(o, "attributes", x.attributes(), SnapshotJson::column);
          o.put("owner", x.owner());
          opt(o, "comment", x.comment());
        });
    list(
        root,
        "sequences",
        s.sequences(),
        (o, x) -> {
          o.put("schema", x.schema());
          o.put("name", x.name());
          o.put("data_type", x.dataType());
          o.put("start", x.start());
          o.put("increment", x.increment());
          o.put("min", x.min());
          o.put("max", x.max());
          o.put("cache", x.cache());
          o.put("cycle", x.cycle());
          opt(o, "owned_by", x.ownedBy());
          o.put("owner", x.owner());
          strings(o, "acl", x.acl());
          opt(o, "comment", x.comment());
        });
    list(
        root,
        "tables",
        s.tables(),
        (o, x) -> {
          o.put("schema", x.schema());
          o.put("name", x.name());
          o.put("kind", x.kind());
          o.put("persistence", x.persistence());
          opt(o, "partition_key", x.partitionKey());
          opt(o, "partition_of", x.partitionOf());
          opt(o, "partition_bound", x.partitionBound());
          strings(o, "options", x.options());
          o.put("owner", x.owner());
          strings(o, "acl", x.acl());
          opt(o, "comment", x.comment());
          list(o, "columns", x.columns(), SnapshotJson::column);
          list(o, "constraints", x.constraints(), SnapshotJson::constraint);
          list(o, "indexes", x.indexes(), SnapshotJson::index);
          list(
              o,
              "triggers",
              x.triggers(),
              (t, g) -> {
                t.put("name", g.name());
                t.put("definition", g.definition());
                t.put("enabled", g.enabled());
              });
        });
    list(
        root,
        "views",
        s.views(),
        (o, x) -> {
          o.put("schema", x.schema());
          o.put("name", x.name());
          o.put("materialized", x.materialized());
          o.put("definition", x.definition());
          strings(o, "options", x.options());
          o.put("owner", x.owner());
          strings(o, "acl", x.acl());
          opt(o, "comment", x.comment());
          list(o, "indexes", x.indexes(), SnapshotJson::index);
        });
    list(
        root,
        "routines",
        s.routines(),
        (o, x) -> {
          o.put("schema", x.schema());
          o.put("name", x.name());
          o.put("arguments", x.arguments());
          o.put("kind", x.kind());
          opt(o, "definition", x.definition());
          o.put("owner", x.owner());
          strings(o, "acl", x.acl());
          opt(o, "comment", x.comment());
        });
    list(
        root,
        "dependencies",
        s.dependencies(),
        (o, x) -> {
          o.put("dependent", x.dependent());
          o.put("dependent_kind", x.dependentKind());
          o.put("referenced", x.referenced());
          opt(o, "column", x.column());
        });
    ObjectNode stats = root.putObject("statistics");
    opt(stats, "read_at", s.statistics().readAt().map(Instant::toString));
    opt(stats, "counters_since", s.statistics().countersSince().map(Instant::toString));
    list(
        stats,
        "relations",
        s.statistics().relations(),
        (o, x) -> {
          o.put("relation", x.relation());
          o.put("kind", x.kind());
          o.put("total_bytes", x.totalBytes());
          o.put("index_bytes", x.indexBytes());
          o.put("pages", x.pages());
          o.put("tuples", x.tuples());
          o.put("inserts", x.inserts());
          o.put("updates", x.updates());
          o.put("deletes", x.deletes());
          o.put("seq_scans", x.seqScans());
          o.put("idx_scans", x.idxScans());
        });
    list(
        root,
        "history",
        s.history(),
        (o, x) -> {
          o.put("tool", x.tool());
          o.put("order", x.order());
          opt(o, "id", x.id());
          o.put("description", x.description());
          o.put("script", x.script());
          opt(o, "checksum", x.checksum());
          o.put("success", x.success());
          o.put("type", x.type());
        });
    strings(root, "unreadable", s.unreadable());
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  private static void column(ObjectNode o, Column x) {
    o.put("name", x.name());
    o.put("type", x.type());
    o.put("not_null", x.notNull());
    opt(o, "default", x.defaultExpr());
    opt(o, "identity", x.identity());
    opt(o, "generated", x.generated());
    opt(o, "collation", x.collation());
    opt(o, "comment", x.comment());
  }

  private static void constraint(ObjectNode o, Constraint x) {
    o.put("name", x.name());
    o.put("type", x.type());
    o.put("definition", x.definition());
    o.put("validated", x.validated());
    opt(o, "comment", x.comment());
  }

  private static void index(ObjectNode o, Index x) {
    o.put("name", x.name());
    o.put("definition", x.definition());
    o.put("valid", x.valid());
    o.put("ready", x.ready());
    o.put("backs_constraint", x.backsConstraint());
    opt(o, "attached_to", x.attachedTo());
    opt(o, "comment", x.comment());
  }

  private static <T> void list(
      ObjectNode parent, String key, List<T> items, BiConsumer<ObjectNode, T> writer) {
    ArrayNode a = parent.putArray(key);
    for (T item : items) {
      writer.accept(a.addObject(), item);
    }
  }

  private static void strings(ObjectNode parent, String key, List<String> values) {
    ArrayNode a = parent.putArray(key);
    values.forEach(a::add);
  }

  private static void opt(ObjectNode o, String key, Optional<String> value) {
    value.ifPresent(v -> o.put(key, v));
  }

  /** Reads a snapshot; {@code where} names the file in error messages. */
  public static SchemaSnapshot read(String json, String where) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          where
              + " is not valid JSON (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage()
              + "; take the snapshot again with warden snapshot",
          e);
    }
    if (root == null || !root.isObject() || !root.has("format_version")) {
      throw new WardenException(
          ErrorCode.INPUT,
          where
              + " is not a schema snapshot (no format_version); take one"
              + " with warden snapshot --url ... --output FILE");
    }
    int version = root.get("format_version").asInt();
    if (version > SchemaSnapshot.FORMAT_VERSION) {
      throw new WardenException(
          ErrorCode.INPUT,
          where
              + " has snapshot format_version "
              + version
              + ", newer than"
              + " this warden reads ("
              + SchemaSnapshot.FORMAT_VERSION
              + "); upgrade Schema Warden");
    }
    try {
      JsonNode server = root.path("server");
      Map<String, String> settings = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = server.path("settings").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        settings.put(e.getKey(), e.getValue().asText());
      }
      JsonNode stats = root.path("statistics");
      return new SchemaSnapshot(
          version,
          Instant.parse(text(root, "taken_at")),
          // snapshots written before MySQL/MariaDB support have no engine: they are PostgreSQL's
          new SchemaSnapshot.Server(
              opt(root, "engine").orElse("postgresql"),
              text(server, "version"),
              server.path("version_num").asInt(),
              settings),
          map(
              root,
              "schemas",
              o ->
                  new Schema(text(o, "name"), text(o, "owner"), strs(o, "acl"), opt(o, "comment"))),
          map(
              root,
              "extensions",
              o -> new Extension(text(o, "name"), text(o, "schema"), text(o, "version"))),
          map(
              root,
              "types",
              o ->
                  new TypeDef(
                      text(o, "schema"),
                      text(o, "name"),
                      text(o, "kind"),
                      strs(o, "labels"),
                      opt(o, "base_type"),
                      opt(o, "default"),
                      o.path("not_null").asBoolean(false),
                      map(o, "constraints", SnapshotJson::constraint),
                      map(o, "attributes", SnapshotJson::column),
                      text(o, "owner"),
                      opt(o, "comment"))),
          map(
              root,
              "sequences",
              o ->
                  new Sequence(
                      text(o, "schema"),
                      text(o, "name"),
                      text(o, "data_type"),
                      o.path("start").asLong(),
                      o.path("increment").asLong(),
                      o.path("min").asLong(),
                      o.path("max").asLong(),
                      o.path("cache").asLong(),
                      o.path("cycle").asBoolean(),
                      opt(o, "owned_by"),
                      text(o, "owner"),
                      strs(o, "acl"),
                      opt(o, "comment"))),
          map(
              root,
              "tables",
              o ->
                  new Table(
                      text(o, "schema"),
                      text(o, "name"),
                      text(o, "kind"),
                      text(o, "persistence"),
                      opt(o, "partition_key"),
                      opt(o, "partition_of"),
                      opt(o, "partition_bound"),
                      strs(o, "options"),
                      text(o, "owner"),
                      strs(o, "acl"),
                      opt(o, "comment"),
                      map(o, "columns", SnapshotJson::column),
                      map(o, "constraints", SnapshotJson::constraint),
                      map(o, "indexes", SnapshotJson::index),
                      map(
                          o,
                          "triggers",
                          t ->
                              new Trigger(
                                  text(t, "name"), text(t, "definition"), text(t, "enabled"))))),
          map(
              root,
              "views",
              o ->
                  new View(
                      text(o, "schema"),
                      text(o, "name"),
                      o.path("materialized").asBoolean(),
                      text(o, "definition"),
                      strs(o, "options"),
                      text(o, "owner"),
                      strs(o, "acl"),
                      opt(o, "comment"),
                      map(o, "indexes", SnapshotJson::index))),
          map(
              root,
              "routines",
              o ->
                  new Routine(
                      text(o, "schema"),
                      text(o, "name"),
                      text(o, "arguments"),
                      text(o, "kind"),
                      opt(o, "definition"),
                      text(o, "owner"),
                      strs(o, "acl"),
                      opt(o, "comment"))),
          map(
              root,
              "dependencies",
              o ->
                  new Dependency(
                      text(o, "dependent"),
                      text(o, "dependent_kind"),
                      text(o, "referenced"),
                      opt(o, "column"))),
          new SchemaSnapshot.Statistics(
              opt(stats, "read_at").map(Instant::parse),
              map(
                  stats,
                  "relations",
                  o ->
                      new RelationStats(
                          text(o, "relation"),
                          text(o, "kind"),
                          o.path("total_bytes").asLong(),
                          o.path("index_bytes").asLong(),
                          o.path("pages").asLong(),
                          o.path("tuples").asDouble(),
                          o.path("inserts").asLong(),
                          o.path("updates").asLong(),
                          o.path("deletes").asLong(),
                          o.path("seq_scans").asLong(),
                          o.path("idx_scans").asLong())),
              opt(stats, "counters_since").map(Instant::parse)),
          map(
              root,
              "history",
              o ->
                  new AppliedMigration(
                      text(o, "tool"),
                      o.path("order").asInt(),
                      opt(o, "id"),
                      text(o, "description"),
                      text(o, "script"),
                      opt(o, "checksum"),
                      o.path("success").asBoolean(),
                      text(o, "type"))),
          strs(root, "unreadable"));
    } catch (RuntimeException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          where
              + " is not a readable schema snapshot: "
              + e.getMessage()
              + "; take the snapshot again with warden snapshot",
          e);
    }
  }

  private static Column column(JsonNode o) {
    return new Column(
        text(o, "name"),
        text(o, "type"),
        o.path("not_null").asBoolean(),
        opt(o, "default"),
        opt(o, "identity"),
        opt(o, "generated"),
        opt(o, "collation"),
        opt(o, "comment"));
  }

  private static Constraint constraint(JsonNode o) {
    return new Constraint(
        text(o, "name"),
        text(o, "type"),
        text(o, "definition"),
        o.path("validated").asBoolean(true),
        opt(o, "comment"));
  }

  private static Index index(JsonNode o) {
    return new Index(
        text(o, "name"),
        text(o, "definition"),
        o.path("valid").asBoolean(true),
        o.path("ready").asBoolean(true),
        o.path("backs_constraint").asBoolean(),
        opt(o, "attached_to"),
        opt(o, "comment"));
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field " + key);
    }
    return v.asText();
  }

  private static Optional<String> opt(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static List<String> strs(JsonNode o, String key) {
    List<String> out = new ArrayList<>();
    o.path(key).forEach(v -> out.add(v.asText()));
    return out;
  }

  private static <T> List<T> map(JsonNode o, String key, Function<JsonNode, T> reader) {
    List<T> out = new ArrayList<>();
    o.path(key).forEach(v -> out.add(reader.apply(v)));
    return out;
  }
}
