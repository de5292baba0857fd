package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.review.CodeOwnersFile;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.policy.api.CodeOwners;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code explain_object}: what depends on a table, from the snapshot file and the repository (never a live
 * database): views and other objects that reference it, foreign keys in and out, its owners and tags from the
 * context, the code owners of the migrations that touched it, and the most recent of those migrations.
 */
final class ObjectExplainer {
  static final int RECENT_MIGRATIONS = 10;
  private static final int MAX_SCANNED = 5_000;
  private static final long MAX_MIGRATION_BYTES = 1L << 20;

  private ObjectExplainer() {}

  static ObjectNode explain(
      Path root, WardenConfig config, Optional<Path> snapshotFile, String name) {
    SchemaDescriber.Loaded loaded =
        SchemaDescriber.load(config, snapshotFile, WardenTools.EXPLAIN_OBJECT);
    SchemaSnapshot s = loaded.snapshot();
    SchemaSnapshot.Table table =
        s.tables().stream()
            .filter(t -> t.qualified().equals(name) || t.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.INPUT,
                        WardenTools.EXPLAIN_OBJECT
                            + ": no table '"
                            + name
                            + "' in the snapshot "
                            + loaded.source()
                            + ": describe_schema lists them"));
    String qualified = table.qualified();
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    out.put("table", qualified);
    out.put("snapshot", loaded.source());
    SchemaDescriber.tags(out, loaded.context().describe(qualified));

    ArrayNode dependents = out.putArray("dependents");
    s.dependencies().stream()
        .filter(d -> d.referenced().equals(qualified))
        .forEach(
            d -> {
              ObjectNode o = dependents.addObject();
              o.put("object", d.dependent());
              o.put("kind", d.dependentKind());
              d.column().ifPresent(c -> o.put("column", c));
            });
    ArrayNode out_ = out.putArray("foreign_keys_out");
    table.constraints().stream()
        .filter(c -> c.type().equals("foreign_key"))
        .forEach(c -> out_.add(c.name() + " " + c.definition()));
    // REFERENCES orders(...), REFERENCES public.orders(...), quoted or not
    Pattern references =
        Pattern.compile(
            "REFERENCES\\s+(?:\"?"
                + Pattern.quote(table.schema())
                + "\"?\\.)?\"?"
                + Pattern.quote(table.name())
                + "\"?\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    ArrayNode in = out.putArray("foreign_keys_in");
    for (SchemaSnapshot.Table other : s.tables()) {
      other.constraints().stream()
          .filter(c -> c.type().equals("foreign_key") && references.matcher(c.definition()).find())
          .forEach(c -> in.add(other.qualified() + ": " + c.name() + " " + c.definition()));
    }

    List<String> touched = migrationsMentioning(root, table);
    ArrayNode recent = out.putArray("recent_migrations");
    touched
        .subList(Math.max(0, touched.size() - RECENT_MIGRATIONS), touched.size())
        .forEach(recent::add);
    CodeOwners codeOwners = CodeOwnersFile.read(root);
    ArrayNode owners = out.putArray("code_owners");
    touched.stream()
        .flatMap(p -> codeOwners.ruleFor(p).map(CodeOwners.Rule::owners).orElse(List.of()).stream())
        .distinct()
        .sorted()
        .forEach(owners::add);
    return out;
  }

  /**
   * The repository's {@code .sql} files that name the table as a word (its name, or schema.name), in path order:
   * a text match, so a mention in a comment counts too; it points a reader at files, it decides nothing.
   */
  private static List<String> migrationsMentioning(Path root, SchemaSnapshot.Table table) {
    Pattern word =
        Pattern.compile(
            "(?<![A-Za-z0-9_$])(?:\"?"
                + Pattern.quote(table.schema())
                + "\"?\\.)?\"?"
                + Pattern.quote(table.name())
                + "\"?(?![A-Za-z0-9_$])",
            Pattern.CASE_INSENSITIVE);
    List<String> files =
        RepositoryFiles.list(
            root,
            "",
            true,
            p -> p.toLowerCase(Locale.ROOT).endsWith(".sql") && !p.startsWith(".git/"));
    List<String> out = new ArrayList<>();
    for (String p : files.subList(0, Math.min(files.size(), MAX_SCANNED))) {
      if (RepositoryFiles.lookup(root, p) instanceof RepositoryFiles.Found found
          && found.size() <= MAX_MIGRATION_BYTES) {
        String text =
            new String(
                RepositoryFiles.bytes(found, MAX_MIGRATION_BYTES, ErrorCode.INPUT),
                java.nio.charset.StandardCharsets.UTF_8);
        if (word.matcher(text).find()) {
          out.add(p);
        }
      }
    }
    return List.copyOf(out);
  }
}
