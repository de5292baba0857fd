package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --output FILE} for the commands whose result is not a review report ({@code drift}, {@code doctor},
 * {@code policy explain}, {@code audit list|export}); each declares its own {@code --format}, whose values differ,
 * and checks it with {@link #format}. Review reports use {@link ReportOptions}; both write through
 * {@link #emit}, and a file through {@link OutputFile}.
 */
public final class OutputOption {

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the result to FILE instead of stdout (its directory must exist).")
  Path output;

  /**
   * The format, checked against the ones this command writes, and the output path checked writable, both before
   * any work starts, so a typo fails in milliseconds.
   */
  String format(String command, String given, List<String> known) {
    if (!known.contains(given)) {
      throw new WardenException(
          ErrorCode.USAGE,
          "unknown --format '" + given + "' for " + command + ": use " + or(known));
    }
    if (output != null) {
      OutputFile.checkWritable(output, "--output");
    }
    return given;
  }

  /** Prints {@code text} on stdout, or writes it to {@code --output} and says so on stderr. */
  void write(CliContext ctx, String text, String what, String note) {
    emit(ctx, output, text, what, note);
  }

  /**
   * The one way a command's result leaves it: stdout, or {@code file} (atomically) with one line on stderr saying
   * {@code what} went there, and {@code note} (a count, a verdict) when not empty.
   */
  static void emit(CliContext ctx, Path file, String text, String what, String note) {
    if (file == null) {
      ctx.out().print(text);
      ctx.out().flush();
    } else {
      OutputFile.write(file, text, "--output");
      ctx.err()
          .println(
              "warden: wrote " + what + " to " + file + (note.isEmpty() ? "" : " (" + note + ")"));
    }
  }

  /** "text, json or csv". */
  static String or(List<String> values) {
    return values.size() == 1
        ? values.get(0)
        : String.join(", ", values.subList(0, values.size() - 1))
            + " or "
            + values.get(values.size() - 1);
  }
}
