package dev.schemawarden.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Suggestions;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "rules",
    description = "List the rule catalog: id, slug, default severity and title.",
    subcommands = RulesCommand.Show.class)
public final class RulesCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Text (default) or json.")
  String format;

  @Override
  public Integer call() throws JsonProcessingException {
    CliContext ctx = parent.context();
    List<RuleMeta> rules = ctx.service().catalog();
    switch (format) {
      case "text" -> {
        int idWidth = rules.stream().mapToInt(r -> r.id().length()).max().orElse(2);
        int slugWidth = rules.stream().mapToInt(r -> r.slug().length()).max().orElse(4);
        for (RuleMeta r : rules) {
          ctx.out()
              .printf(
                  "%-" + idWidth + "s  %-7s  %-" + slugWidth + "s  %s%n",
                  r.id(),
                  r.defaultSeverity().label(),
                  r.slug(),
                  r.title());
        }
      }
      case "json" -> {
        List<Map<String, Object>> items = rules.stream().map(RulesCommand::json).toList();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ctx.out().println(mapper.writeValueAsString(Map.of("rules", items)));
      }
      default ->
          throw new WardenException(
              ErrorCode.USAGE, "unknown --format '" + format + "' for rules: use text or json");
    }
    ctx.out().flush();
    return 0;
  }

  private static Map<String, Object> json(RuleMeta r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("slug", r.slug());
    m.put("severity", r.defaultSeverity().label());
    m.put("title", r.title());
    m.put("engines", r.engines().stream().sorted().toList());
    r.minVersion().ifPresent(v -> m.put("min_version", v));
    r.maxVersion().ifPresent(v -> m.put("max_version", v));
    m.put("doc", r.docPath());
    return m;
  }

  @Command(
      name = "show",
      description = {
        "Print a rule's documentation (problem, why it hurts, the safer alternative, how to suppress it), read "
            + "from the warden jar itself, so it works offline.",
        "Exit codes: 0 printed, 2 no rule has that id or slug."
      })
  static final class Show implements Callable<Integer> {
    @ParentCommand RulesCommand rules;

    @Parameters(paramLabel = "ID", description = "A rule id such as LK101, or its slug.")
    String id;

    @Override
    public Integer call() {
      CliContext ctx = rules.parent.context();
      List<RuleMeta> catalog = ctx.service().catalog();
      // Only a catalog entry names a resource: what the user typed never becomes a path.
      RuleMeta rule =
          catalog.stream()
              .filter(
                  r -> r.id().equalsIgnoreCase(id.strip()) || r.slug().equalsIgnoreCase(id.strip()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.USAGE,
                          "no rule '"
                              + shown(id)
                              + "'"
                              + suggest(id, catalog)
                              + " (`warden rules` lists them all)"));
      String doc =
          doc(rule)
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.INTERNAL,
                          "the documentation of "
                              + rule.id()
                              + " is missing from this build ("
                              + rule.docPath()
                              + "): read it in the repository's "
                              + rule.docPath()));
      ctx.out().print(doc.endsWith("\n") ? doc : doc + "\n");
      ctx.out().flush();
      return 0;
    }

    /** The rule's page as packaged in the jar (app/pom.xml copies docs/rules there). */
    static Optional<String> doc(RuleMeta rule) {
      try (InputStream in =
          RulesCommand.class.getClassLoader().getResourceAsStream(rule.docPath())) {
        return in == null
            ? Optional.empty()
            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + rule.docPath() + " from the jar", e);
      }
    }

    /** Up to three ids near the wrong one: "; close ids: LK101, LK102, LK103" (empty when none is near). */
    static String suggest(String wrong, List<RuleMeta> catalog) {
      List<String> ids = new ArrayList<>(catalog.stream().map(RuleMeta::id).sorted().toList());
      List<String> slugs = catalog.stream().map(RuleMeta::slug).sorted().toList();
      List<String> near = new ArrayList<>();
      while (near.size() < 3) {
        Optional<String> next = Suggestions.closest(wrong.strip(), ids);
        if (next.isEmpty()) {
          break;
        }
        near.add(next.get());
        ids.remove(next.get());
      }
      String lower = wrong.strip().toLowerCase(java.util.Locale.ROOT);
      if (near.isEmpty() && lower.length() >= 4) {
        // A word of a slug ("concurrent-index") names the rules whose slugs hold it.
        catalog.stream()
            .filter(r -> r.slug().contains(lower))
            .limit(3)
            .forEach(r -> near.add(r.id() + " (" + r.slug() + ")"));
      }
      if (near.isEmpty()) {
        Suggestions.closest(wrong.strip(), slugs)
            .flatMap(slug -> catalog.stream().filter(r -> r.slug().equals(slug)).findFirst())
            .ifPresent(r -> near.add(r.id() + " (" + r.slug() + ")"));
      }
      return near.isEmpty() ? "" : "; close ids: " + String.join(", ", near);
    }

    /** What the user typed, printable on one line and short. */
    private static String shown(String s) {
      String clean =
          s.codePoints()
              .map(c -> Character.isISOControl(c) ? '?' : c)
              .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
              .toString();
      return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
  }
}
