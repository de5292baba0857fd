package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rules the review pipeline itself reports (not lint rules over statements): they are in the catalog so
 * {@code warden rules} lists them and {@code .schemawarden.yml} can change their severity.
 */
public final class AppRules {
  private AppRules() {}

  /** A migration that already exists on the base branch was changed. */
  public static final RuleMeta MG001 = new RuleMeta(
      "MG001",
      "modified-applied-migration",
      "A migration that already exists on the base branch was modified",
      Severity.ERROR,
      Set.of("postgres"),
      "a versioned migration file (or Liquibase changeset) present on the base branch differs at head",
      "databases that already ran it never run the new version; Flyway and Liquibase refuse to migrate because "
          + "the checksum changed",
      "restore the migration as it is on the base branch and put the change in a new migration",
      Optional.empty(),
      Optional.empty());

  /** Production drifted where the change does not touch; the analyzers' catalog owns its metadata and doc page. */
  public static final RuleMeta DR104 = dev.schemawarden.analyzers.api.RuleCatalog.find("DR104").orElseThrow();

  public static final List<RuleMeta> ALL = List.of(DR104, MG001);
}
