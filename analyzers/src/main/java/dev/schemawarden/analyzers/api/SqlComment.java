package dev.schemawarden.analyzers.api;

import java.util.Objects;

/** A comment in a migration file, with the 1-based position of its first character; text excludes the markers. */
public record SqlComment(int line, int column, String text) {
  public SqlComment {
    Objects.requireNonNull(text, "text");
  }
}
