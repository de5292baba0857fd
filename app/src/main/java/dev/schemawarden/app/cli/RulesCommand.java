package dev.schemawarden.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "rules", description = "List the rule catalog: id, slug, default severity and title.")
public final class RulesCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Text (default) or json.")
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
          ctx.out().printf("%-" + idWidth + "s  %-7s  %-" + slugWidth + "s  %s%n",
              r.id(), r.defaultSeverity().label(), r.slug(), r.title());
        }
      }
      case "json" -> {
        List<Map<String, Object>> items = rules.stream().map(RulesCommand::json).toList();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ctx.out().println(mapper.writeValueAsString(Map.of("rules", items)));
      }
      default -> throw new WardenException(
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
}
