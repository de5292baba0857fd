package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden-file comparison. {@code -Dgolden.update=true} rewrites the files instead of comparing; a mismatch names the
 * first differing line and asks for a review of the diff.
 */
final class Golden {

  static final Path DIR = Path.of("src/test/resources/golden");

  private Golden() {}

  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "golden file "
                + file
                + " is missing: run with -Dgolden.update=true, then review the diff and commit"
                + " if intended");
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
      if (!expected.equals(actual)) {
        fail(
            "rendered output differs from "
                + file
                + " at "
                + firstDifference(expected, actual)
                + "\nRegenerate with -Dgolden.update=true, then review the diff and commit if intended.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstDifference(String expected, String actual) {
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
      String el = i < e.size() ? e.get(i) : "<end of file>";
      String al = i < a.size() ? a.get(i) : "<end of output>";
      if (!el.equals(al)) {
        return "line " + (i + 1) + "\n  expected: " + el + "\n  actual:   " + al;
      }
    }
    return "the end of the file (line endings or a final newline)";
  }
}
