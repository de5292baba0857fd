package dev.schemawarden.analyzers.api;

import java.util.Objects;

/**
 * A lock the static analyzer expects a statement to take on a pre-existing relation, with whether it rewrites the
 * relation or scans it under that lock. The report marks these {@code source: predicted}; the tracer replaces
 * them with observed ones.
 */
public record PredictedLock(QualifiedName relation, LockMode mode, boolean rewrite, boolean scan) {
  public PredictedLock {
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(mode, "mode");
  }
}
