package dev.schemawarden.app.testing;

import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/** Runs {@code warden} in-process and captures what it printed. */
public final class Cli {
  private Cli() {}

  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** With the production wiring. */
  public static Run run(String... args) {
    return capture((out, err) -> Main.run(args, out, err, false));
  }

  /** With a custom wiring built from the captured streams. */
  public static Run run(BiFunction<PrintStream, PrintStream, CliContext> wiring, String... args) {
    return capture((out, err) -> Main.run(args, wiring.apply(out, err)));
  }

  private static Run capture(BiFunction<PrintStream, PrintStream, Integer> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = body.apply(o, e);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
