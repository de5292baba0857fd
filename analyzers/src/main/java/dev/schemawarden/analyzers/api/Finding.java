package dev.schemawarden.analyzers.api;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a reviewer should know about a statement or file.
 *
 * @param rule the rule id, e.g. {@code LK101}
 * @param severity effective severity after configuration
 * @param span where it is
 * @param message names the concrete objects ("ACCESS EXCLUSIVE on public.orders")
 * @param help optional extra explanation for this occurrence
 * @param fixes safer alternatives, best first
 * @param statementSql the normalised text of the statement the finding is about (empty for file-level
 *     findings); used for the fingerprint so a finding survives the statement moving
 * @param concern the problem the finding reports (see {@link Concerns}): findings of one concern, static and
 *     traced, are merged into one by the review; by default the rule id (a problem of its own)
 * @param evidence what the finding rests on: a static prediction, a trace observation, both after a merge, and notes
 */
public record Finding(
    String rule,
    Severity severity,
    SourceSpan span,
    String message,
    Optional<String> help,
    List<Fix> fixes,
    String statementSql,
    String concern,
    List<Evidence> evidence) {

  /** File, line, column, then rule id: the one order every output uses. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.span().path())
          .thenComparingInt(f -> f.span().line())
          .thenComparingInt(f -> f.span().column())
          .thenComparing(Finding::rule);

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(help, "help");
    fixes = List.copyOf(fixes);
    Objects.requireNonNull(statementSql, "statementSql");
    Objects.requireNonNull(concern, "concern");
    concern = concern.isBlank() ? rule : concern;
    evidence = List.copyOf(evidence);
  }

  /** A finding that is its own concern, with no evidence recorded (system findings, tests). */
  public Finding(
      String rule,
      Severity severity,
      SourceSpan span,
      String message,
      Optional<String> help,
      List<Fix> fixes,
      String statementSql) {
    this(rule, severity, span, message, help, fixes, statementSql, rule, List.of());
  }

  /** The rule ids this finding stands for: its own, then those of the findings merged into it. */
  public List<String> rules() {
    java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
    ids.add(rule);
    evidence.forEach(
        e -> {
          if (e.kind() != Evidence.Kind.NOTE) {
            ids.add(e.rule());
          }
        });
    return List.copyOf(ids);
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(
        rule, newSeverity, span, message, help, fixes, statementSql, concern, evidence);
  }

  public Finding withConcern(String newConcern, List<Evidence> newEvidence) {
    return new Finding(
        rule, severity, span, message, help, fixes, statementSql, newConcern, newEvidence);
  }

  /**
   * One fact a finding rests on. {@code kind} says where it comes from; {@code rule} and {@code line} say which
   * finding of the merge it was; {@code weighed} marks a trace observation weighed with production statistics
   * (its severity then decides); {@code detail} is that finding's message, or the note's text.
   */
  public record Evidence(Kind kind, String rule, int line, boolean weighed, String detail) {
    public enum Kind {
      PREDICTED,
      TRACED,
      NOTE;

      public String label() {
        return name().toLowerCase(Locale.ROOT);
      }
    }

    public Evidence {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * Stable identity across pushes: SHA-256 of rule id, path and the whitespace- and case-normalised statement,
   * not the line number.
   */
  public String fingerprint() {
    String normalised = statementSql.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    String key = rule + "\u0000" + span.path() + "\u0000" + normalised;
    return Sha256.hex(key);
  }
}
