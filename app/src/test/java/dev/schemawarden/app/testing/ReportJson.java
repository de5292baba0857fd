package dev.schemawarden.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reading a {@code --format json} review in tests, and writing the files of the repositories they review. */
public final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportJson() {}

  /** The run's standard output as the JSON report; the whole run in the message when it is not JSON. */
  public static JsonNode json(Cli.Run run) {
    try {
      return JSON.readTree(run.out());
    } catch (IOException e) {
      throw new UncheckedIOException(run.toString(), e);
    }
  }

  /**
   * The report's findings of {@code rule}: its own, and those a finding of {@code rule} was merged into (one finding
   * per concern: the rule is then named in the evidence).
   */
  public static List<JsonNode> findings(JsonNode report, String rule) {
    return StreamSupport.stream(report.path("findings").spliterator(), false)
        .filter(
            f ->
                f.path("rule").asText().equals(rule)
                    || StreamSupport.stream(f.path("evidence").spliterator(), false)
                        .anyMatch(e -> e.path("rule").asText().equals(rule)))
        .toList();
  }

  /** The report's step called {@code name} ({@code trace}, {@code drift}, ...). */
  public static JsonNode step(JsonNode report, String name) {
    return StreamSupport.stream(report.path("steps").spliterator(), false)
        .filter(s -> s.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + report.path("steps")));
  }

  /** Writes {@code text} to {@code file}, creating its directories. */
  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
