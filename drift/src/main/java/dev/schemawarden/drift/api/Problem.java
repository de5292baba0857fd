package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem {@code warden diagnose} found in a live database.
 *
 * @param check the finding id, e.g. {@code DG101} (docs/rules/DG101.md)
 * @param severity weighted by the object's size and traffic (docs/diagnose.md)
 * @param object the object's qualified name as SQL reads it, control characters escaped: safe to print anywhere
 * @param message what is wrong, naming the object; one line
 * @param evidence the numbers the verdict rests on, in display order
 * @param fix the proposed change; empty when none can be proposed safely (the message says why)
 */
public record Problem(
    String check,
    Severity severity,
    String object,
    String message,
    List<Measure> evidence,
    Optional<ProposedFix> fix) {

  public Problem {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(message, "message");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(fix, "fix");
  }

  /** {@code DG101 public.orders_note_idx}: the same problem on the same object has the same key on every run. */
  public String key() {
    return check + " " + object;
  }

  /** The same problem at {@code newSeverity} (a {@code rules:} override). */
  public Problem withSeverity(Severity newSeverity) {
    return new Problem(check, newSeverity, object, message, evidence, fix);
  }

  /** The measure named {@code name}. */
  public Optional<Measure> measure(String name) {
    return evidence.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /**
   * One number of the evidence.
   *
   * @param name snake_case, e.g. {@code index_bytes}
   * @param value the number
   * @param unit {@code bytes}, {@code count}, {@code per_second}, {@code fraction}, {@code xids}, {@code seconds},
   *     {@code milliseconds}, {@code cost} (the planner's units)
   */
  public record Measure(String name, double value, String unit) {
    public Measure {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(unit, "unit");
    }

    /** Whole numbers without a decimal point, others with up to four significant decimals. */
    public String display() {
      if (value == Math.rint(value) && Math.abs(value) < 1e18) {
        return Long.toString((long) value);
      }
      return new java.math.BigDecimal(value)
          .round(new java.math.MathContext(4))
          .stripTrailingZeros()
          .toPlainString();
    }
  }
}
