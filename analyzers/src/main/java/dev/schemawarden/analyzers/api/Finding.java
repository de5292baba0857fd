package dev.schemawarden.analyzers.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
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
 */
public record Finding(
    String rule,
    Severity severity,
    SourceSpan span,
    String message,
    Optional<String> help,
    List<Fix> fixes,
    String statementSql) {

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
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(rule, newSeverity, span, message, help, fixes, statementSql);
  }

  /**
   * Stable identity across pushes: SHA-256 of rule id, path and the whitespace- and case-normalised statement,
   * not the line number.
   */
  public String fingerprint() {
    String normalised = statementSql.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    String key = rule + "\u0000" + span.path() + "\u0000" + normalised;
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
