package dev.schemawarden.policy.api;

import dev.schemawarden.policy.internal.Globs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the team knows about its schema objects: tags ({@code pii}, {@code critical}, {@code source-of-truth})
 * and owners, from the {@code context:} file (globs on {@code schema.table[.column]}) and from database comments
 * ({@code @pii} in a {@code COMMENT ON} text, {@code @owner:acme/privacy} for an owner).
 *
 * <p>An object carries the tags and owners of every entry that matches it, one of its ancestors (a column gets
 * its table's and schema's) or one of its columns (a table with a {@code pii} column is a {@code pii} table, so
 * dropping it matches {@code tags: [pii]}).
 *
 * <p>Tags are listed sorted so decisions serialise the same way every time.
 *
 * @param entries from the context file, in file order
 * @param comments database comments by object ({@code schema.table} or {@code schema.table.column}; an unqualified
 *     name means {@code public}), as the production snapshot supplies them
 */
public record SchemaContext(List<Entry> entries, Map<String, String> comments) {

  private static final Pattern TAG =
      Pattern.compile("(?<![\\w@])@([a-z][a-z0-9_-]*)(?::([\\w./@-]+))?");

  /** One {@code objects:} entry of the context file; {@code line} is where it is written (0 when not from a file). */
  public record Entry(String match, Set<String> tags, List<String> owners, int line) {
    public Entry {
      Objects.requireNonNull(match, "match");
      tags = Set.copyOf(tags);
      owners = List.copyOf(owners);
    }
  }

  /** Tags and owners of one object, the form decisions report. */
  public record ObjectInfo(String object, List<String> tags, List<String> owners) {
    public ObjectInfo {
      Objects.requireNonNull(object, "object");
      tags = List.copyOf(new TreeSet<>(tags));
      owners = List.copyOf(owners);
    }
  }

  public SchemaContext {
    entries = List.copyOf(entries);
    comments = Map.copyOf(new TreeMap<>(comments));
  }

  public static SchemaContext empty() {
    return new SchemaContext(List.of(), Map.of());
  }

  /** The same entries with the snapshot's comments. */
  public SchemaContext withComments(Map<String, String> objectComments) {
    return new SchemaContext(entries, objectComments);
  }

  /** Tags and owners of {@code object} ({@code schema.table} or {@code schema.table.column}), sorted. */
  public ObjectInfo describe(String object) {
    TreeSet<String> tags = new TreeSet<>();
    List<String> owners = new ArrayList<>();
    for (Entry e : entries) {
      if (Globs.related(e.match(), object)) {
        tags.addAll(e.tags());
        e.owners().stream().filter(o -> !owners.contains(o)).forEach(owners::add);
      }
    }
    comments.forEach(
        (commented, text) -> {
          if (Globs.related(Globs.qualify(commented), object)) {
            Matcher m = TAG.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
              if (m.group(1).equals("owner") && m.group(2) != null) {
                String owner = m.group(2);
                if (!owners.contains(owner)) {
                  owners.add(owner);
                }
              } else if (m.group(2) == null) {
                tags.add(m.group(1));
              }
            }
          }
        });
    return new ObjectInfo(object, List.copyOf(tags), owners);
  }
}
