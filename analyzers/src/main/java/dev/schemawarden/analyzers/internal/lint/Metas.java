package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import java.util.Optional;
import java.util.Set;

/** Short-hands for building {@link RuleMeta}, so a rule's metadata reads as one call. */
public final class Metas {

  private Metas() {}

  /** A rule for {@code engines} that concerns every server version. */
  public static RuleMeta on(
      Set<String> engines,
      String id,
      String slug,
      String title,
      Severity severity,
      String condition,
      String effect,
      String workaround) {
    return new RuleMeta(
        id,
        slug,
        title,
        severity,
        engines,
        condition,
        effect,
        workaround,
        Optional.empty(),
        Optional.empty());
  }

  /** A rule for PostgreSQL that concerns every server version. */
  public static RuleMeta postgres(
      String id,
      String slug,
      String title,
      Severity severity,
      String condition,
      String effect,
      String workaround) {
    return on(Set.of("postgres"), id, slug, title, severity, condition, effect, workaround);
  }

  /** A rule that concerns only servers from {@code major} on. */
  public static RuleMeta since(int major, RuleMeta meta) {
    return new RuleMeta(
        meta.id(),
        meta.slug(),
        meta.title(),
        meta.defaultSeverity(),
        meta.engines(),
        meta.condition(),
        meta.effect(),
        meta.workaround(),
        Optional.of(major),
        meta.maxVersion());
  }

  /** A rule that concerns only servers up to and including {@code major}. */
  public static RuleMeta until(int major, RuleMeta meta) {
    return new RuleMeta(
        meta.id(),
        meta.slug(),
        meta.title(),
        meta.defaultSeverity(),
        meta.engines(),
        meta.condition(),
        meta.effect(),
        meta.workaround(),
        meta.minVersion(),
        Optional.of(major));
  }

  /** A finding id that is not a lint rule but is emitted by the runner or the pipeline; any engine. */
  static RuleMeta system(
      String id,
      String slug,
      String title,
      Severity severity,
      String condition,
      String effect,
      String workaround) {
    return on(Set.of(), id, slug, title, severity, condition, effect, workaround);
  }
}
