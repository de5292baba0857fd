package dev.schemawarden.app.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What several renderers need: statement numbering, finding-to-statement matching, stable JSON output. */
final class ReportSupport {

  /** A rule lookup for when no catalog is available: every rule is rendered from its id alone. */
  static final Function<String, Optional<RuleMeta>> NO_RULES = id -> Optional.empty();

  /**
   * Jackson, set up only when a JSON format is rendered: building the mapper loads some 300 classes, which the text
   * report a short {@code warden lint} prints does not need.
   */
  static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Two-space indent, {@code "key": value}, {@code []} for empty arrays and LF line ends on every OS, so golden
     * files and diffs between pushes are stable.
     */
    static final ObjectWriter WRITER =
        MAPPER.writer(
            new DefaultPrettyPrinter(
                    Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {}
  }

  private ReportSupport() {}

  /** One statement of the report with its 1-based number across all migrations (the Markdown table's #). */
  record NumberedStatement(int number, MigrationReport migration, StatementReport statement) {
    SqlStatement sql() {
      return statement.statement();
    }
  }

  /** Findings attached to the statement whose lines contain them; the rest (file-level) in {@code unattached}. */
  record Grouped(
      List<NumberedStatement> statements,
      Map<NumberedStatement, List<Finding>> byStatement,
      List<Finding> unattached) {
    List<Finding> of(NumberedStatement s) {
      return byStatement.getOrDefault(s, List.of());
    }
  }

  static List<NumberedStatement> statements(ReviewReport report) {
    List<NumberedStatement> out = new ArrayList<>();
    for (MigrationReport m : report.migrations()) {
      for (StatementReport s : m.statements()) {
        out.add(new NumberedStatement(out.size() + 1, m, s));
      }
    }
    return List.copyOf(out);
  }

  static Grouped group(ReviewReport report) {
    List<NumberedStatement> statements = statements(report);
    Map<NumberedStatement, List<Finding>> by = new IdentityHashMap<>();
    List<Finding> unattached = new ArrayList<>();
    Map<Finding, MigrationReport> rollbackPlans = rollbackPlans(report);
    for (Finding f : report.findings()) {
      if (rollbackPlans.containsKey(f)) {
        continue; // shown under its up migration's rollback plan
      }
      Optional<NumberedStatement> owner =
          statements.stream().filter(s -> covers(s.sql(), f)).findFirst();
      if (owner.isPresent()) {
        by.computeIfAbsent(owner.get(), k -> new ArrayList<>()).add(f);
      } else {
        unattached.add(f);
      }
    }
    return new Grouped(statements, Collections.unmodifiableMap(by), List.copyOf(unattached));
  }

  /**
   * For each finding of the report about a down (rollback plan), the up migration whose down it is; findings of the
   * change itself are absent. Keyed by identity ({@link MigrationReport#rollbackOwners}).
   */
  static Map<Finding, MigrationReport> rollbackPlans(ReviewReport report) {
    return MigrationReport.rollbackOwners(report.migrations(), report.findings());
  }

  /** A finding belongs to a statement when it is in the same file and starts within the statement's lines. */
  static boolean covers(SqlStatement s, Finding f) {
    return s.span().path().equals(f.span().path())
        && f.span().line() >= s.span().line()
        && f.span().line() <= s.span().endLine();
  }

  /** Highest severity among findings, or empty when there are none. */
  static Optional<Finding> worst(List<Finding> findings) {
    Finding worst = null;
    for (Finding f : findings) {
      if (worst == null || f.severity().compareTo(worst.severity()) > 0) {
        worst = f;
      }
    }
    return Optional.ofNullable(worst);
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The tools' word for a severity (SARIF {@code note} for info). */
  static String sarifLevel(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
      case OFF -> "none";
    };
  }

  /**
   * Fingerprints that are unique within one report. {@link Finding#fingerprint()} is the same for two identical
   * statements in one file; GitLab drops all but one of a repeated fingerprint, so repeats get the occurrence number
   * hashed in, keeping the first occurrence's fingerprint unchanged.
   */
  static List<String> uniqueFingerprints(List<Finding> findings) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      String fp = f.fingerprint();
      int n = seen.merge(fp, 1, Integer::sum);
      out.add(n == 1 ? fp : Sha256.hex(fp + "#" + n));
    }
    return List.copyOf(out);
  }

  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  static String humanCount(long n) {
    if (n >= 1_000_000_000L) {
      return oneDecimal(n / 1e9) + " G";
    } else if (n >= 1_000_000L) {
      return oneDecimal(n / 1e6) + " M";
    } else if (n >= 10_000L) {
      return oneDecimal(n / 1e3) + " k";
    }
    return Long.toString(n);
  }

  /** One decimal, dropped when it is zero: {@code 41 GB}, {@code 2.1 M}. Locale-independent. */
  static String oneDecimal(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /**
   * {@code ALGORITHM=INPLACE, LOCK=NONE}: what a MySQL/MariaDB statement got (the words of its own clauses, so a
   * reader can paste them into the ALTER). Algorithm and lock are closed enums in the verdict, never statement text.
   */
  static String onlineDdl(dev.schemawarden.analyzers.api.OnlineDdl.Verdict v) {
    return "ALGORITHM=" + v.algorithm() + ", LOCK=" + v.lock();
  }
}
