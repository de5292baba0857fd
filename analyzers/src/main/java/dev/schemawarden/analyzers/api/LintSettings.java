package dev.schemawarden.analyzers.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the configuration says about linting.
 *
 * @param serverVersion the production server version findings are judged for (rules outside their
 *     {@code minVersion..maxVersion} do not run)
 * @param severities severity per rule id (or slug), overriding the rule's default; {@code OFF} disables it
 * @param disabled rule ids (or slugs) that do not run at all
 */
public record LintSettings(
    ServerVersion serverVersion, Map<String, Severity> severities, Set<String> disabled) {

  public LintSettings {
    Objects.requireNonNull(serverVersion, "serverVersion");
    severities = Map.copyOf(severities);
    disabled = Set.copyOf(disabled);
  }

  /** Every rule at its default severity, judged for {@link ServerVersion#DEFAULT_POSTGRES}. */
  public static LintSettings defaults() {
    return new LintSettings(ServerVersion.DEFAULT_POSTGRES, Map.of(), Set.of());
  }

  public LintSettings withServerVersion(ServerVersion version) {
    return new LintSettings(version, severities, disabled);
  }

  /**
   * The severity findings of {@code rule} get: {@code OFF} when disabled, else the override (by id or slug), else
   * the default. Also for ids that are not lint rules, e.g. {@code MG001} emitted by change extraction.
   */
  public Severity severityOf(RuleMeta rule) {
    if (disabled.contains(rule.id()) || disabled.contains(rule.slug())) {
      return Severity.OFF;
    }
    Severity s = severities.get(rule.id());
    if (s == null) {
      s = severities.get(rule.slug());
    }
    return s == null ? rule.defaultSeverity() : s;
  }
}
