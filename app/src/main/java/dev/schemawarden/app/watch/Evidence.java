package dev.schemawarden.app.watch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.app.audit.CanonicalJson;
import dev.schemawarden.drift.api.Problem;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Set;

/**
 * A problem's evidence as watch compares and records it: its exact hash (the audit entry's), a fingerprint that
 * says whether it changed enough to rewrite the proposal, and the check's main number that the reopen factor
 * compares.
 */
public final class Evidence {
  /** Each check's main number; a check not listed uses its first measure. */
  static final Map<String, String> MAIN =
      Map.of(
          "DG101",
          "index_bytes",
          "DG102",
          "index_bytes",
          "DG103",
          "index_bytes",
          "DG104",
          "index_bytes",
          "DG105",
          "parent_updates_deletes",
          "DG106",
          "used_fraction",
          "DG107",
          "table_bytes",
          "DG108",
          "fraction_of_freeze_max_age",
          "DG109",
          "retained_wal_bytes",
          "DG110",
          "wasted_bytes");

  /** Rates and durations move with the clock alone; the fingerprint leaves them out. */
  private static final Set<String> MOVING_UNITS = Set.of("per_second", "seconds");

  private Evidence() {}

  /** SHA-256 of the evidence as canonical JSON ({@code [{"name":..,"unit":..,"value":..}]}): what the audit records. */
  public static String sha256(Problem p) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    p.evidence()
        .forEach(
            m -> a.addObject().put("name", m.name()).put("value", m.value()).put("unit", m.unit()));
    return Sha256.hex(CanonicalJson.write(a));
  }

  /**
   * The severity and every measure that does not move with the clock, at two significant digits: the evidence
   * "changed" when this does, so counters ticking by a few never rewrite a pull request.
   */
  public static String fingerprint(Problem p) {
    StringBuilder s = new StringBuilder(p.severity().label());
    for (Problem.Measure m : stable(p)) {
      s.append(';').append(m.name()).append('=').append(two(m.value()));
    }
    return Sha256.hex(s.toString()).substring(0, 16);
  }

  /** The measures that do not move with the clock (no rates, no durations), in display order. */
  public static java.util.List<Problem.Measure> stable(Problem p) {
    return p.evidence().stream().filter(m -> !MOVING_UNITS.contains(m.unit())).toList();
  }

  /** The check's main number and its name. */
  public static Problem.Measure main(Problem p) {
    String name = MAIN.getOrDefault(p.check(), "");
    return p.measure(name)
        .orElseGet(
            () ->
                p.evidence().isEmpty()
                    ? new Problem.Measure("none", 0, "count")
                    : p.evidence().get(0));
  }

  private static String two(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toString();
  }
}
