package dev.schemawarden.analyzers.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a lint rule is, for the catalog, the docs and the reports.
 *
 * @param id permanent id: family prefix plus number, e.g. {@code LK101}; never reused or renumbered
 * @param slug kebab-case name, e.g. {@code require-concurrent-index-creation}
 * @param title one line for people
 * @param defaultSeverity severity unless configuration says otherwise; {@code OFF} for opt-in rules
 * @param engines engine ids it applies to, e.g. {@code postgres}
 * @param condition when it fires (Eugene's "triggered when")
 * @param effect what goes wrong in production
 * @param workaround what to do instead
 * @param minVersion the first server major the rule concerns, if it does not concern every version
 * @param maxVersion the last server major the rule concerns (e.g. a problem fixed in a later release)
 */
public record RuleMeta(
    String id,
    String slug,
    String title,
    Severity defaultSeverity,
    Set<String> engines,
    String condition,
    String effect,
    String workaround,
    Optional<Integer> minVersion,
    Optional<Integer> maxVersion) {

  public RuleMeta {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    engines = Set.copyOf(engines);
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(workaround, "workaround");
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(maxVersion, "maxVersion");
  }

  /** Whether the rule concerns a server of {@code version}. */
  public boolean appliesTo(ServerVersion version) {
    return minVersion.map(v -> version.major() >= v).orElse(true)
        && maxVersion.map(v -> version.major() <= v).orElse(true);
  }

  /** Path of the rule's page, relative to the repository root. */
  public String docPath() {
    return docPath(id);
  }

  /** The one doc-link builder: {@code docs/rules/<ID>.md}, for a rule known only by its id. */
  public static String docPath(String ruleId) {
    return DOCS_DIR + docFile(ruleId);
  }

  /** The page's file name, {@code <ID>.md}: what a base URL of the rule pages is completed with. */
  public static String docFile(String ruleId) {
    return ruleId + ".md";
  }

  /** Where the rule pages live, relative to the repository root. */
  public static final String DOCS_DIR = "docs/rules/";
}
