package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Finding.Evidence;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.StatementReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says each problem once: findings of one {@link Finding#concern() concern} (a static prediction, the trace's
 * observation, the same missing lock_timeout on every statement) become one finding whose evidence lists what each
 * saw. Pure; run once per review, after the trace and before the policy.
 */
public final class OneFindingPerConcern {

  private OneFindingPerConcern() {}

  /** {@code findings} merged by concern, in {@link Finding#ORDER}; {@code migrations} carry the traced effects. */
  public static List<Finding> merge(List<Finding> findings, List<MigrationReport> migrations) {
    Map<String, StatementEffects> traced = traced(migrations);
    List<Finding> kept = new ArrayList<>();
    List<Evidence> contradicted = new ArrayList<>();
    List<String> contradictedAt = new ArrayList<>();
    for (Finding f : findings) {
      Optional<String> note = contradiction(f, traced);
      if (note.isPresent()) {
        contradicted.add(
            new Evidence(Evidence.Kind.NOTE, f.rule(), f.span().line(), false, note.get()));
        contradictedAt.add(f.span().path());
      } else {
        kept.add(f);
      }
    }
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    int own = 0;
    for (Finding f : kept) {
      // A finding that is its own concern (the rule id) never merges: two of them on one statement
      // are two problems.
      String key =
          f.concern().equals(f.rule())
              ? "own\u0000" + own++
              : f.span().path()
                  + "\u0000"
                  + f.concern()
                  + (Concerns.migrationWide(f.concern()) ? "" : "\u0000" + f.span().line());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    List<Finding> out =
        new ArrayList<>(groups.values().stream().map(OneFindingPerConcern::one).toList());
    for (int i = 0; i < contradicted.size(); i++) {
      attachNote(out, contradictedAt.get(i), contradicted.get(i));
    }
    out.sort(Finding.ORDER);
    return List.copyOf(out);
  }

  /** Traced effects by {@code path:line}; statements the trace did not run have none. */
  private static Map<String, StatementEffects> traced(List<MigrationReport> migrations) {
    Map<String, StatementEffects> out = new HashMap<>();
    for (MigrationReport m : migrations) {
      for (StatementReport s : m.statements()) {
        StatementEffects e = s.effects();
        if (e.source() == StatementEffects.Source.TRACED && e.error().isEmpty()) {
          out.put(m.migration().path() + ":" + s.statement().line(), e);
        }
      }
    }
    return out;
  }

  /** A static rewrite prediction the trace ran and did not observe (the relfilenode stayed): the note says so. */
  private static Optional<String> contradiction(Finding f, Map<String, StatementEffects> traced) {
    boolean staticOnly =
        !f.evidence().isEmpty()
            && f.evidence().stream().allMatch(e -> e.kind() == Evidence.Kind.PREDICTED);
    if (!staticOnly || !f.concern().startsWith("rewrite:")) {
      return Optional.empty();
    }
    StatementEffects e = traced.get(f.span().path() + ":" + f.span().line());
    if (e == null
        || e.rewrites().stream()
            .anyMatch(r -> Concerns.rewrite(r.relation()).equals(f.concern()))) {
      return Optional.empty();
    }
    return Optional.of(
        f.rule()
            + " predicted that line "
            + f.span().line()
            + " rewrites "
            + f.concern().substring("rewrite:".length())
            + ", but the trace ran it and saw no rewrite; "
            + "the prediction was dropped");
  }

  private static void attachNote(List<Finding> out, String path, Evidence note) {
    Comparator<Finding> nearest =
        Comparator.comparingInt(f -> Math.abs(f.span().line() - note.line()));
    out.stream()
        .filter(f -> f.span().path().equals(path))
        .min(nearest)
        .ifPresent(
            f -> {
              List<Evidence> evidence = new ArrayList<>(f.evidence());
              evidence.add(note);
              out.set(out.indexOf(f), f.withConcern(f.concern(), evidence));
            });
  }

  private static Finding one(List<Finding> group) {
    if (group.size() == 1) {
      return group.get(0);
    }
    boolean wide = Concerns.migrationWide(group.get(0).concern());
    // Migration-wide: at the first statement it concerns; otherwise the gravest, on a tie the
    // static one (its fix).
    Comparator<Finding> byRank =
        Comparator.comparing((Finding f) -> f.severity())
            .reversed()
            .thenComparing(f -> traced(f) ? 1 : 0);
    Comparator<Finding> rank =
        wide
            ? Comparator.comparingInt((Finding f) -> f.span().line()).thenComparing(byRank)
            : byRank;
    List<Finding> weighed =
        group.stream()
            .filter(
                f ->
                    f.evidence().stream()
                        .anyMatch(e -> e.kind() == Evidence.Kind.TRACED && e.weighed()))
            .toList();
    // When production statistics weighed the trace, its finding leads: its message carries the
    // estimate.
    Finding primary =
        (weighed.isEmpty() || wide ? group : weighed).stream().min(rank).orElseThrow();
    Severity severity =
        (weighed.isEmpty() ? group : weighed)
            .stream().map(Finding::severity).max(Comparator.naturalOrder()).orElseThrow();
    List<Evidence> evidence = new ArrayList<>();
    for (Finding f : group) {
      for (Evidence e : f.evidence()) {
        evidence.add(
            e.detail().isEmpty() && f != primary
                ? new Evidence(e.kind(), e.rule(), e.line(), e.weighed(), f.message())
                : e);
      }
    }
    String message = primary.message();
    List<Integer> lines = group.stream().map(f -> f.span().line()).distinct().sorted().toList();
    if (wide && lines.size() > 1) {
      message +=
          " [one finding for the statements at lines "
              + lines.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + "]";
    }
    return new Finding(
        primary.rule(),
        severity,
        primary.span(),
        message,
        primary.help(),
        fixes(primary, group, wide),
        primary.statementSql(),
        primary.concern(),
        evidence);
  }

  private static boolean traced(Finding f) {
    return f.evidence().stream().anyMatch(e -> e.kind() == Evidence.Kind.TRACED);
  }

  /** The primary's fixes first; a statement's other findings add theirs, a migration-wide one keeps its own. */
  private static List<Fix> fixes(Finding primary, List<Finding> group, boolean wide) {
    List<Fix> out = new ArrayList<>(primary.fixes());
    for (Finding f : group) {
      if (wide && !out.isEmpty()) {
        break;
      }
      for (Fix fix : f.fixes()) {
        if (out.stream().noneMatch(o -> o.sql().strip().equals(fix.sql().strip()))) {
          out.add(fix);
        }
      }
    }
    return out;
  }
}
