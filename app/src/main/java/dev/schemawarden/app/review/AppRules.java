package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.RuleCatalog;
import dev.schemawarden.analyzers.api.RuleMeta;
import java.util.List;

/**
 * Rules the review pipeline itself reports (not lint rules over statements). Their metadata is the analyzers'
 * catalog's (one definition each, with its doc page), so {@code warden rules} lists them and
 * {@code .schemawarden.yml} can change their severity.
 */
public final class AppRules {
  private AppRules() {}

  /** A migration that already exists on the base branch was changed; defined once, in the analyzers' catalog. */
  public static final RuleMeta MG001 = RuleCatalog.find("MG001").orElseThrow();

  /** Production drifted where the change does not touch; the analyzers' catalog owns its metadata and doc page. */
  public static final RuleMeta DR104 = RuleCatalog.find("DR104").orElseThrow();

  /** An irreversible migration of the change has no down migration; the analyzers' catalog owns its metadata. */
  public static final RuleMeta MG002 = RuleCatalog.find("MG002").orElseThrow();

  public static final List<RuleMeta> ALL = List.of(DR104, MG001, MG002);
}
