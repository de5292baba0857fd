package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.SchemaContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code describe_schema}: production's tables from the snapshot file (never from a live database: the agent gets
 * no connection and no URL), with sizes, rows, writes since the counters started, and the context's tags and owners
 * as the policy reads them (the context file plus {@code @pii}-style comments). A column tagged {@code pii} (or in a
 * table so tagged) is flagged.
 */
final class SchemaDescriber {
  /** As {@code snapshot.path} is read for a review. */
  private static final long MAX_SNAPSHOT_BYTES = 256L << 20;

  private SchemaDescriber() {}

  /** The snapshot as read, where from, and the context (file plus {@code @pii}-style comments) over it. */
  record Loaded(String source, SchemaSnapshot snapshot, SchemaContext context) {}

  static Loaded load(WardenConfig config, Optional<Path> snapshotFile, String tool) {
    String source;
    String text;
    if (snapshotFile.isPresent()) {
      source = snapshotFile.get().getFileName().toString();
      text =
          RepositoryFile.named(snapshotFile.get())
              .readIfExists(MAX_SNAPSHOT_BYTES, ErrorCode.CONFIG)
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.CONFIG, source + ": the --snapshot file is gone"));
    } else {
      String path =
          config
              .snapshot()
              .flatMap(WardenConfig.SnapshotConfig::path)
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.INPUT,
                          tool
                              + ": no snapshot file: start warden mcp with"
                              + " --snapshot FILE or set snapshot.path in "
                              + WardenConfig.FILE_NAME
                              + " (a snapshot URL is never read for an agent)"));
      source = path;
      text =
          new RepositoryFile(config.directory(), path)
              .readIfExists(MAX_SNAPSHOT_BYTES, ErrorCode.CONFIG)
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.CONFIG, path + ": snapshot.path names no file"));
    }
    if (!text.stripLeading().startsWith("{")) {
      throw new WardenException(
          ErrorCode.INPUT,
          tool
              + ": "
              + source
              + " is a pg_dump -s script, which has"
              + " no statistics: take a JSON snapshot with warden snapshot");
    }
    SchemaSnapshot snapshot = Snapshots.fromJson(text);
    SchemaContext context =
        config
            .context()
            .map(c -> PolicyLoader.loadContext(new RepositoryFile(config.directory(), c)))
            .orElseGet(SchemaContext::empty)
            .withComments(snapshot.comments());
    return new Loaded(source, snapshot, context);
  }

  static ObjectNode describe(
      WardenConfig config, Optional<Path> snapshotFile, Optional<String> table) {
    Loaded loaded = load(config, snapshotFile, "describe_schema");
    String source = loaded.source();
    SchemaSnapshot snapshot = loaded.snapshot();
    SchemaContext context = loaded.context();
    Map<String, SchemaSnapshot.RelationStats> stats = new HashMap<>();
    snapshot.statistics().relations().forEach(r -> stats.put(r.relation(), r));
    Optional<Pattern> filter = table.map(SchemaDescriber::glob);

    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    ObjectNode meta = out.putObject("snapshot");
    meta.put("source", source);
    meta.put("taken_at", snapshot.takenAt().toString());
    meta.put("server_version", snapshot.server().version());
    snapshot
        .statistics()
        .countersSince()
        .ifPresent(t -> meta.put("writes_counted_since", t.toString()));
    ArrayNode tables = out.putArray("tables");
    for (SchemaSnapshot.Table t : snapshot.tables()) {
      if (filter.isPresent()
          && !filter.get().matcher(t.qualified()).matches()
          && !filter.get().matcher(t.name()).matches()) {
        continue;
      }
      SchemaContext.ObjectInfo info = context.describe(t.qualified());
      ObjectNode o = tables.addObject();
      o.put("table", t.qualified());
      o.put("kind", t.kind());
      Optional.ofNullable(stats.get(t.qualified()))
          .ifPresent(
              s -> {
                o.put("size_bytes", s.totalBytes());
                o.put("rows", Math.round(s.tuples()));
                ObjectNode w = o.putObject("writes");
                w.put("inserts", s.inserts());
                w.put("updates", s.updates());
                w.put("deletes", s.deletes());
              });
      tags(o, info);
      ArrayNode columns = o.putArray("columns");
      for (SchemaSnapshot.Column c : t.columns()) {
        ObjectNode col = columns.addObject();
        col.put("name", c.name());
        col.put("type", c.type());
        col.put("not_null", c.notNull());
        tags(col, context.describe(t.qualified() + "." + c.name()));
      }
      ArrayNode fks = o.putArray("foreign_keys");
      t.constraints().stream()
          .filter(c -> c.type().equals("foreign_key"))
          .forEach(c -> fks.add(c.name() + " " + c.definition()));
    }
    return out;
  }

  static void tags(ObjectNode o, SchemaContext.ObjectInfo info) {
    ArrayNode tags = o.putArray("tags");
    info.tags().forEach(tags::add);
    ArrayNode owners = o.putArray("owners");
    info.owners().forEach(owners::add);
    o.put("pii", info.tags().contains("pii"));
  }

  /** {@code orders}, {@code public.orders} or a glob such as {@code public.order*}. */
  static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char c : g.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }
}
