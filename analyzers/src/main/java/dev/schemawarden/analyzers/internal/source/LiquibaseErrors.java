package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.Optional;
import liquibase.change.Change;
import liquibase.change.core.ExecuteShellCommandChange;
import liquibase.change.custom.CustomChangeWrapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Liquibase throws while parsing a changelog into an INPUT error that names the file and line. The
 * line comes from the XML or YAML parser underneath; the file from Liquibase's message when it names one.
 */
final class LiquibaseErrors {
  private static final Pattern FILE_IN_MESSAGE =
      Pattern.compile("([\\w./-]+\\.(?:xml|ya?ml|json|sql))", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line (\\d+)", Pattern.CASE_INSENSITIVE);

  private LiquibaseErrors() {}

  /**
   * Why {@code change} cannot be rendered to SQL, if it cannot: its effect is code the repository names, which
   * Schema Warden never loads or runs. The finding ({@code WD004}) says so on the changeset.
   */
  static Optional<String> notTraced(Change change) {
    if (change instanceof NamedClassChange c) {
      return Optional.of("not traced: customChange class " + c.named() + " is never loaded or run by the review"
          + " (a project's classes are not on its classpath); review what it does to the schema and data by hand");
    }
    if (change instanceof CustomChangeWrapper c) {
      return Optional.of("not traced: customChange class " + c.getClassName() + " is not run by Schema Warden;"
          + " review what it does to the schema and data by hand");
    }
    if (change instanceof ExecuteShellCommandChange c) {
      return Optional.of("not traced: executeCommand '" + c.getExecutable() + "' runs a program, which Schema"
          + " Warden never starts; review what it does by hand");
    }
    return Optional.empty();
  }

  static WardenException toWarden(String master, String prefix, Exception e) {
    String message = deepestMessage(e);
    String file = fileIn(e).map(f -> f.startsWith(prefix) ? f : prefix + f).orElse(master);
    int line = lineIn(e).orElse(1);
    return new WardenException(
        ErrorCode.INPUT,
        file + ":" + line + ": Liquibase cannot read this changelog: " + message
            + " (fix the changelog; Schema Warden renders it with Liquibase 4.33 offline)",
        e);
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
