package dev.schemawarden.analyzers.api;

import java.util.Objects;

/**
 * A safer way to write a statement. {@code sql} is concrete SQL that can replace the statement (it may be
 * several statements, e.g. {@code SET lock_timeout} followed by the rewrite); {@code description} says why in one
 * sentence. {@code replacesStatement} is true when {@code sql} is a drop-in replacement for the statement's text
 * (so a host may offer it as a one-click suggestion); false when it needs more work (e.g. a separate migration).
 */
public record Fix(String description, String sql, boolean replacesStatement) {
  public Fix {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sql, "sql");
  }

  public static Fix replacement(String description, String sql) {
    return new Fix(description, sql, true);
  }

  public static Fix advice(String description, String sql) {
    return new Fix(description, sql, false);
  }
}
