package dev.schemawarden.analyzers.api;

import dev.schemawarden.analyzers.internal.lint.Catalog;
import java.util.List;
import java.util.Optional;

/**
 * Every finding id Schema Warden can emit: the built-in lint rules plus the system ids ({@code SQL000} unterminated
 * quote or comment, {@code SQL001} unclassified statement, {@code SQL002} psql meta-command, {@code WD001} bad
 * suppression, {@code WD002} unused suppression, {@code WD003} repository file refused and not read, {@code WD004} change that is code and never run, {@code MG001}
 * modified applied migration, {@code INTERNAL} rule crash). Each has a page at {@link RuleMeta#docPath()}.
 */
public final class RuleCatalog {

  private RuleCatalog() {}

  /** Every id, sorted by id. */
  public static List<RuleMeta> all() {
    return Catalog.all();
  }

  /** The rule with this id or slug (case-insensitive id). */
  public static Optional<RuleMeta> find(String idOrSlug) {
    return Catalog.find(idOrSlug);
  }
}
