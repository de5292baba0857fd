package dev.schemawarden.app.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process's stdout and stderr are connected to, and whether colour is wanted. Colour only when stdout is a
 * terminal and {@code NO_COLOR} is unset or empty (https://no-color.org); progress only when stderr is a terminal,
 * so logs, pipes and CI jobs get neither.
 *
 * @param stdoutIsTerminal stdout is a person's terminal (help may be coloured)
 * @param stderrIsTerminal stderr is a person's terminal (progress is worth printing)
 * @param noColor {@code NO_COLOR} is set and not empty
 */
public record Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal, boolean noColor) {

  /** Neither stream a terminal: no colour, no progress (tests, pipes, CI). */
  public static final Terminal NONE = new Terminal(false, false, false);

  public boolean colour() {
    return stdoutIsTerminal && !noColor;
  }

  /** This process's streams, with {@code env} for {@code NO_COLOR}. */
  public static Terminal detect(Map<String, String> env) {
    boolean console = consoleIsTerminal();
    return new Terminal(isTerminal(1).orElse(console), isTerminal(2).orElse(console), noColor(env));
  }

  /** https://no-color.org: "when present and not an empty string", whatever its value. */
  static boolean noColor(Map<String, String> env) {
    String v = env.get("NO_COLOR");
    return v != null && !v.isEmpty();
  }

  /**
   * Whether file descriptor {@code fd} is a terminal, where the system says (Linux: {@code /proc/self/fd/N} links
   * to a tty or pty device); empty where it cannot tell.
   */
  static java.util.Optional<Boolean> isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    if (!Files.isSymbolicLink(link)) {
      return java.util.Optional.empty();
    }
    try {
      String target = Files.readSymbolicLink(link).toString();
      return java.util.Optional.of(
          target.startsWith("/dev/pts/")
              || target.startsWith("/dev/tty")
              || target.equals("/dev/console"));
    } catch (IOException | SecurityException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The JDK's answer where the system gives none: before JDK 22 a console exists only on a terminal; from JDK 22 one
   * always exists and {@code isTerminal()} answers.
   */
  private static boolean consoleIsTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17 to 21: a console means a terminal
    }
  }
}
