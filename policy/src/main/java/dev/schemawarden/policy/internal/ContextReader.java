package dev.schemawarden.policy.internal;

import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.policy.api.SchemaContext;
import dev.schemawarden.policy.internal.yaml.NodeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a context YAML tree ({@code objects: [{match, tags, owners}]}) into a {@link SchemaContext}, and reads the
 * optional {@code teams:} map ({@code org/team: [logins]}) that local runs use as their team directory.
 */
public final class ContextReader extends NodeReader {
  private static final java.util.regex.Pattern TEAM =
      java.util.regex.Pattern.compile("@?[\\w.-]+/[\\w.-]+");
  private final Map<String, Set<String>> teams = new java.util.TreeMap<>();

  public ContextReader(String file) {
    super(file);
  }

  /** The {@code teams:} map read by {@link #read}, team names without {@code @}; empty when there is none. */
  public Map<String, Set<String>> teams() {
    return Map.copyOf(teams);
  }

  public SchemaContext read(YamlNode.Mapping root) {
    allowOnly(root, "the context", Set.of("version", "objects", "teams"));
    root.entry("teams")
        .flatMap(f -> map(f.value(), "'teams'"))
        .ifPresent(
            m ->
                m.entries()
                    .values()
                    .forEach(
                        t -> {
                          if (!TEAM.matcher(t.key()).matches()) {
                            problem(
                                t.keyLine(),
                                "'" + t.key() + "' is not a team name",
                                "write org/team, e.g. acme/privacy");
                            return;
                          }
                          List<String> members = strings(t);
                          if (members.isEmpty()) {
                            problem(
                                t.keyLine(),
                                "team '" + t.key() + "' has no members",
                                "list its logins, e.g. [alice, bob]");
                          }
                          teams.put(
                              t.key().startsWith("@") ? t.key().substring(1) : t.key(),
                              members.stream()
                                  .map(
                                      u ->
                                          (u.startsWith("@") ? u.substring(1) : u)
                                              .toLowerCase(Locale.ROOT))
                                  .collect(java.util.stream.Collectors.toUnmodifiableSet()));
                        }));
    List<SchemaContext.Entry> entries = new ArrayList<>();
    root.entry("objects")
        .flatMap(f -> list(f.value(), "'objects'"))
        .ifPresent(
            l -> {
              for (YamlNode item : l.items()) {
                map(item, "each object")
                    .ifPresent(
                        m -> {
                          allowOnly(m, "an object", Set.of("match", "tags", "owners"));
                          if (m.entry("match").isEmpty()) {
                            problem(
                                m.line(),
                                "an object has no 'match'",
                                "add match: <schema.table[.column] glob>, e.g. public.users");
                            return;
                          }
                          m.entry("match")
                              .flatMap(this::string)
                              .ifPresent(
                                  glob -> {
                                    if (glob.split("\\.").length > 3) {
                                      problem(
                                          m.entry("match").get().keyLine(),
                                          "'" + glob + "' has more than schema.table.column",
                                          "write schema.table or schema.table.column");
                                    }
                                    List<String> tags =
                                        m
                                            .entry("tags")
                                            .map(this::strings)
                                            .orElse(List.of())
                                            .stream()
                                            .map(t -> t.toLowerCase(Locale.ROOT))
                                            .toList();
                                    List<String> owners =
                                        m.entry("owners").map(this::strings).orElse(List.of());
                                    if (tags.isEmpty() && owners.isEmpty()) {
                                      problem(
                                          m.line(),
                                          "'" + glob + "' has neither tags nor owners",
                                          "add tags: [pii] or owners: ['@org/team']");
                                    }
                                    entries.add(
                                        new SchemaContext.Entry(
                                            glob, Set.copyOf(tags), owners, m.line()));
                                  });
                        });
              }
            });
    return new SchemaContext(entries, Map.of());
  }
}
