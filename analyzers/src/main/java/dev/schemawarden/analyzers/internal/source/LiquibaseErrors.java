package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.Change;
import liquibase.change.core.ExecuteShellCommandChange;
import liquibase.change.custom.CustomChangeWrapper;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Liquibase throws while parsing a changelog into an INPUT error that names the file and line. The
 * line comes from the XML or YAML parser underneath; the file from Liquibase's message when it names one.
 */
final class LiquibaseErrors {
  private static final Pattern FILE_IN_MESSAGE =
      Pattern.compile("([\\w./-]+\\.(?:xml|ya?ml|json|sql))", Pattern.CASE_INSENSITIVE);

  /** Liquibase 4.33's message for an include whose file no search path holds. */
  private static final Pattern MISSING_FILE = Pattern.compile("The file (\\S+) was not found");

  private static final Pattern LINE_IN_MESSAGE =
      Pattern.compile("line (\\d+)", Pattern.CASE_INSENSITIVE);

  private LiquibaseErrors() {}

  /**
   * Why {@code change} cannot be rendered to SQL, if it cannot: its effect is code the repository names, which
   * Schema Warden never loads or runs. The finding ({@code WD004}) says so on the changeset.
   */
  static Optional<String> notTraced(Change change) {
    if (change instanceof NamedClassChange c) {
      return Optional.of(
          "not traced: customChange class "
              + c.named()
              + " is never loaded or run by the review"
              + " (a project's classes are not on its classpath); review what it does to the schema and data by hand");
    }
    if (change instanceof CustomChangeWrapper c) {
      return Optional.of(
          "not traced: customChange class "
              + c.getClassName()
              + " is not run by Schema Warden;"
              + " review what it does to the schema and data by hand");
    }
    if (change instanceof ExecuteShellCommandChange c) {
      return Optional.of(
          "not traced: executeCommand '"
              + c.getExecutable()
              + "' runs a program, which Schema"
              + " Warden never starts; review what it does by hand");
    }
    return Optional.empty();
  }

  /**
   * @param changelogs the changelogs read before the failure, by repository path: a missing include is reported at
   *     the line of the changelog that names it, not at the file that does not exist
   */
  static WardenException toWarden(
      String master, String prefix, Map<String, String> changelogs, Exception e) {
    String message = deepestMessage(e);
    Matcher missing = MISSING_FILE.matcher(message);
    if (missing.find()) {
      String name = missing.group(1);
      // A relativeToChangelogFile include names the file without the directory Liquibase resolved
      // it against.
      Optional<String> where =
          includeLine(changelogs, name)
              .or(() -> includeLine(changelogs, name.substring(name.lastIndexOf('/') + 1)));
      if (where.isPresent()) {
        return new WardenException(
            ErrorCode.INPUT,
            where.get()
                + ": the changelog includes "
                + name
                + ", which is not in the repository (looked in "
                + (prefix.isEmpty() ? "the repository root" : prefix)
                + " and migrations.search-paths): fix the path, add the file or add its module's resource directory"
                + " to migrations.search-paths",
            e);
      }
    }
    String file = fileIn(e).map(f -> f.startsWith(prefix) ? f : prefix + f).orElse(master);
    int line = lineIn(e).orElse(1);
    return new WardenException(
        ErrorCode.INPUT,
        file
            + ":"
            + line
            + ": Liquibase cannot read this changelog: "
            + message
            + " (fix the changelog; Schema Warden renders it with Liquibase 4.33 offline)",
        e);
  }

  /** {@code file:line} of the first changelog line that names {@code name} (an include or includeAll). */
  private static Optional<String> includeLine(Map<String, String> changelogs, String name) {
    return changelogs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(
            c -> {
              List<String> lines = c.getValue().lines().toList();
              for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(name)) {
                  return java.util.stream.Stream.of(c.getKey() + ":" + (i + 1));
                }
              }
              return java.util.stream.Stream.empty();
            })
        .findFirst();
  }

  private static Optional<Integer> lineIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SAXParseException sax && sax.getLineNumber() > 0) {
        return Optional.of(sax.getLineNumber());
      }
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        return Optional.of(yaml.getProblemMark().getLine() + 1);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = LINE_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Optional.of(Integer.parseInt(m.group(1)));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fileIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SAXParseException sax && sax.getSystemId() != null) {
        return Optional.of(stripScheme(sax.getSystemId()));
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = FILE_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
      if (m.find() && !m.group(1).startsWith("http")) {
        return Optional.of(stripScheme(m.group(1)));
      }
    }
    return Optional.empty();
  }

  private static String stripScheme(String s) {
    String r = s.replaceFirst("^(classpath:|file:)", "");
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    return r;
  }

  static String deepestMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message.strip();
  }
}
