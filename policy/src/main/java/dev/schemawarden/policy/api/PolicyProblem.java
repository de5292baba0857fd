package dev.schemawarden.policy.api;

import java.util.Objects;

/**
 * One thing wrong with a policy or context file: where ({@code file}, 1-based {@code line}), what, and how to fix
 * it. {@code warden policy check} prints these; loading a file with any problem fails with all of them.
 */
public record PolicyProblem(String file, int line, String message, String fix) {
  public PolicyProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** {@code file:line: message; fix}, the form editors and terminals link. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + message + (fix.isEmpty() ? "" : "; " + fix);
  }
}
