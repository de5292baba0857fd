package dev.schemawarden.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.git.Workspace;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.SnapshotDrift;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "drift",
    description = {
      "Compare production's schema snapshot with the schema the repository's migrations build (replayed on "
          + "an embedded replica, cached by the migrations' hash), and production's applied-migration history "
          + "with the repository's migrations.",
      "Exit codes: 0 no drift, 1 drift found, 2 usage, input or infrastructure error."
    },
    sortOptions = false)
public final class DriftCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "The repository (default: the current directory).")
  Path repo = Path.of(".");

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description =
          "Read the migrations at this git branch, tag or commit (default: the working tree).")
  String ref;

  @Option(
      names = "--snapshot",
      required = true,
      paramLabel = "FILE",
      description = "Production's snapshot.")
  Path snapshot;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Text (default) or json.")
  String format = "text";

  @Mixin OutputOption output;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Where expected schemas are cached (default: ~/.cache/schema-warden/expected).")
  Path cacheDir;

  @Override
  public Integer call() {
    output.format("drift", format, List.of("text", "json"));
    if (!Files.isRegularFile(snapshot)) {
      throw new WardenException(
          ErrorCode.USAGE,
          "--snapshot "
              + snapshot
              + ": no such file: check the path (take"
              + " one with warden snapshot --url JDBC_URL --output FILE)");
    }
    CliContext ctx = parent.context();
    SchemaSnapshot production = Snapshots.read(snapshot);
    try (Workspace ws = ref == null ? null : Workspace.atRef(repo, ref)) {
      Path root = ws == null ? repo : ws.headRoot();
      WardenConfig config = ctx.service().configLoader().loadFromRepo(root);
      MigrationSettings settings = config.migrations();
      MigrationSource source =
          settings
              .tool()
              .map(MigrationSources::forTool)
              .orElseGet(() -> MigrationSources.detect(root, settings));
      List<Migration> migrations =
          source.load(root, settings, Engines.forName(config.engine()).parser());
      SnapshotDrift.Settings stage = SnapshotDrift.Settings.defaults();
      Progress progress = ctx.progress();
      progress.stage("Building the expected schema on a replica (cached by the migrations' hash)");
      SchemaSnapshot expected;
      try {
        // the service's drift stage: the review's MySQL/MariaDB replica servers, this command's
        // cache directory
        expected =
            SnapshotDrift.of(ctx.service())
                .orElseGet(() -> new SnapshotDrift(ctx.replicas(), stage))
                .withSettings(cacheDir == null ? stage : stage.withCacheDir(cacheDir))
                .expected(migrations, config, production.engine());
      } finally {
        progress.done();
      }
      List<DriftItem> drift = Snapshots.drift(root, migrations, expected, production);
      String age =
          "snapshot taken "
              + production.takenAt()
              + " ("
              + SnapshotDrift.describeAge(Duration.between(production.takenAt(), Instant.now()))
              + " ago), "
              + SnapshotDrift.engineName(production)
              + " "
              + production.server().version();
      StringBuilder text = new StringBuilder();
      if (format.equals("json")) {
        text.append(json(drift, production)).append('\n');
      } else {
        drift.forEach(d -> text.append(d.kind()).append("  ").append(d.message()).append('\n'));
        text.append(
                drift.isEmpty()
                    ? "no drift: production matches the migration history (" + age + ")"
                    : drift.size()
                        + " drift item"
                        + (drift.size() == 1 ? "" : "s")
                        + " ("
                        + age
                        + ")")
            .append('\n');
      }
      output.write(ctx, text.toString(), format + " drift report", drift.size() + " drift item(s)");
      return drift.isEmpty() ? 0 : 1;
    }
  }

  private static String json(List<DriftItem> drift, SchemaSnapshot production) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("snapshot_taken_at", production.takenAt().toString());
    root.put("server_version", production.server().version());
    ArrayNode items = root.putArray("drift");
    for (DriftItem d : drift) {
      ObjectNode o = items.addObject();
      o.put("kind", d.kind());
      o.put("object_type", d.objectType());
      o.put("object", d.object());
      d.expected().ifPresent(e -> o.put("expected", e));
      d.actual().ifPresent(a -> o.put("actual", a));
      o.put("message", d.message());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
