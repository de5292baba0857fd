package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.RuleMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Generates what in {@code docs/rules} is derived rather than written: the index {@code README.md}, each page's
 * front matter (from the rule's {@link RuleMeta}) and the SQL between {@code <!-- include: bad.sql -->} and
 * {@code <!-- end include -->} (from the rule's fixture folder, so doc SQL is never retyped).
 */
final class RuleDocs {

  static final List<String> SECTIONS =
      List.of(
          "## Problem", "## Why it hurts", "## Safer alternative", "## Suppress", "## References");

  private static final Pattern FRONT_MATTER =
      Pattern.compile("\\A---\n(?:.*?\n)?---\n", Pattern.DOTALL);
  private static final Pattern INCLUDE =
      Pattern.compile("<!-- include: (\\S+) -->\n.*?<!-- end include -->", Pattern.DOTALL);

  private RuleDocs() {}

  /** {@code docs/rules/README.md}. */
  static String index(List<RuleMeta> catalog) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Rules\n\n")
        .append(
            "<!-- Generated from the rule catalog by RuleCatalogTest; do not edit. Regenerate with\n")
        .append("     mvn -pl analyzers test -Dtest=RuleCatalogTest -Dgolden.update=true -->\n\n")
        .append(
            "Every finding Schema Warden can report, with its default severity. Change a severity or turn a")
        .append(" rule off in `.schemawarden.yml`; suppress one occurrence with")
        .append(" `-- warden:ignore <ID> <reason>` (see any rule page).\n\n")
        .append("| ID | Name | Default severity | Engines | Server versions | What it catches |\n")
        .append("|---|---|---|---|---|---|\n");
    for (RuleMeta m : catalog) {
      sb.append("| [")
          .append(m.id())
          .append("](")
          .append(m.id())
          .append(".md) | `")
          .append(m.slug())
          .append("` | ")
          .append(m.defaultSeverity().label())
          .append(" | ")
          .append(engines(m))
          .append(" | ")
          .append(versions(m))
          .append(" | ")
          .append(m.title())
          .append(" |\n");
    }
    return sb.toString();
  }

  /** {@code doc} with its front matter and includes regenerated. */
  static String render(String doc, RuleMeta meta, Path fixtureDir) {
    String frontMatter =
        "---\nid: "
            + meta.id()
            + "\nslug: "
            + meta.slug()
            + "\nseverity: "
            + meta.defaultSeverity().label()
            + "\nengines: ["
            + engines(meta)
            + "]\n"
            + (versions(meta).equals("all") ? "" : "versions: \"" + versions(meta) + "\"\n")
            + "---\n";
    Matcher fm = FRONT_MATTER.matcher(doc);
    String body = fm.lookingAt() ? doc.substring(fm.end()) : "\n" + doc;
    Matcher inc = INCLUDE.matcher(body);
    StringBuilder out = new StringBuilder();
    while (inc.find()) {
      String file = inc.group(1);
      Path source = fixtureDir.resolve(file);
      String sql =
          Files.exists(source) ? withoutHarnessLines(Fixtures.read(source)) : "missing " + source;
      inc.appendReplacement(
          out,
          Matcher.quoteReplacement(
              "<!-- include: " + file + " -->\n```sql\n" + sql + "```\n<!-- end include -->"));
    }
    inc.appendTail(out);
    return frontMatter + out;
  }

  /** The fixture without the lines only the harness reads ({@code -- expect:}, header lines). */
  static String withoutHarnessLines(String sql) {
    String kept =
        sql.lines()
            .filter(l -> !Fixtures.EXPECT.matcher(l).matches())
            .filter(
                l -> !l.strip().matches("--\\s*(engine|engine-version|tool|run-in-transaction):.*"))
            .collect(Collectors.joining("\n"));
    return kept.strip() + "\n";
  }

  private static String engines(RuleMeta m) {
    return m.engines().isEmpty()
        ? "any"
        : m.engines().stream().sorted().collect(Collectors.joining(", "));
  }

  private static String versions(RuleMeta m) {
    if (m.minVersion().isPresent() && m.maxVersion().isPresent()) {
      return m.minVersion().get() + "–" + m.maxVersion().get();
    }
    if (m.minVersion().isPresent()) {
      return m.minVersion().get() + "+";
    }
    return m.maxVersion().map(v -> "up to " + v).orElse("all");
  }
}
