package dev.schemawarden.policy.internal.policies;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.policy.api.ImpactFacts;
import dev.schemawarden.policy.api.OperationClass;
import dev.schemawarden.policy.api.PolicyRule;
import dev.schemawarden.policy.api.PolicyRule.Action;
import dev.schemawarden.policy.api.PolicyRule.Match;
import dev.schemawarden.policy.api.PrFacts;
import dev.schemawarden.policy.api.PrStatement;
import dev.schemawarden.policy.api.SchemaContext;
import dev.schemawarden.policy.internal.ChangeObjects;
import dev.schemawarden.policy.internal.Globs;
import dev.schemawarden.policy.internal.TimeWindows;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A rule of the policy file: every criterion in {@code match} must hold, then its action applies. */
public final class FilePolicy implements Policy {
  private final PolicyRule rule;

  public FilePolicy(PolicyRule rule) {
    this.rule = rule;
  }

  @Override
  public String id() {
    return rule.id();
  }

  @Override
  public String description() {
    return rule.description().isEmpty() ? "policy rule " + rule.id() : rule.description();
  }

  @Override
  public Verdict evaluate(PolicyInput input) {
    PrFacts f = input.facts();
    Match m = rule.match();
    List<String> details = new ArrayList<>();
    if (!m.environments().isEmpty()
        && m.environments().stream().noneMatch(e -> e.equalsIgnoreCase(f.environment()))) {
      return new Verdict.NoMatch();
    }
    if (!m.environments().isEmpty()) {
      details.add("environment " + f.environment());
    }
    if (!m.labels().isEmpty()) {
      List<String> hit =
          f.labels().stream()
              .filter(l -> m.labels().stream().anyMatch(l::equalsIgnoreCase))
              .sorted()
              .toList();
      if (hit.isEmpty()) {
        return new Verdict.NoMatch();
      }
      details.add("label " + String.join(", ", hit));
    }
    if (m.drift().isPresent()) {
      if (f.drift().isEmpty() == m.drift().get()) {
        return new Verdict.NoMatch();
      }
      f.drift().forEach(d -> details.add("drift " + d.kind() + " " + d.object()));
    }
    if (m.when().isPresent()) {
      Optional<String> in = TimeWindows.match(m.when().get(), f.evaluatedAt());
      if (in.isEmpty()) {
        return new Verdict.NoMatch();
      }
      details.add(in.get());
    }
    Set<String> owners = new LinkedHashSet<>();
    // The files whose code owners a `codeowners` requirement names: those of what matched, or every
    // changed file.
    Set<String> files = new LinkedHashSet<>();
    if (m.hasStatementCriteria()) {
      boolean any = false;
      for (PrStatement s : f.statements()) {
        Optional<String> hit = statementHit(s, m, f.context(), owners);
        if (hit.isEmpty()) {
          continue;
        }
        List<Finding> onIt =
            m.hasFindingCriteria()
                ? input.findings().stream()
                    .filter(fi -> findingMatches(fi, m, f) && on(fi, s))
                    .toList()
                : List.of();
        if (m.hasFindingCriteria() && onIt.isEmpty()) {
          continue;
        }
        any = true;
        files.add(s.statement().span().path());
        details.add(hit.get());
        onIt.forEach(fi -> details.add(describe(fi)));
      }
      if (!any) {
        return new Verdict.NoMatch();
      }
    } else if (m.hasFindingCriteria()) {
      List<Finding> hits =
          input.findings().stream().filter(fi -> findingMatches(fi, m, f)).toList();
      if (hits.isEmpty()) {
        return new Verdict.NoMatch();
      }
      hits.forEach(fi -> details.add(describe(fi)));
      hits.forEach(fi -> files.add(fi.span().path()));
      // The owners of a finding are those of the objects its statement touches.
      f.statements().stream()
          .filter(s -> hits.stream().anyMatch(fi -> on(fi, s)))
          .flatMap(s -> ChangeObjects.of(s.statement().change()).stream())
          .forEach(o -> owners.addAll(f.context().describe(o).owners()));
    } else {
      files.addAll(f.fileOwners().keySet());
    }
    return verdict(f, details, owners, files);
  }

  private Verdict verdict(PrFacts f, List<String> details, Set<String> owners, Set<String> files) {
    String where =
        details.isEmpty()
            ? ""
            : " ("
                + details.get(0)
                + (details.size() > 1 ? " and " + (details.size() - 1) + " more" : "")
                + ")";
    Action a = rule.action();
    if (a instanceof Action.Deny d) {
      return new Verdict.Deny(d.reason() + where, details);
    }
    if (a instanceof Action.Warn w) {
      return new Verdict.Warn(w.reason() + where, details);
    }
    Action.Require r = (Action.Require) a;
    Set<String> approvers = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    for (String who : r.from()) {
      switch (who.toLowerCase(Locale.ROOT)) {
        case "any" -> approvers.add("*");
        case "codeowners" -> {
          Set<String> codeowners = codeowners(f, files, notes);
          approvers.addAll(codeowners);
          if (codeowners.isEmpty()) {
            notes.add("no CODEOWNERS for these files");
          }
        }
        case "owners" -> {
          owners.forEach(o -> approvers.add(normalise(o)));
          if (owners.isEmpty()) {
            notes.add("no owners in the context for these objects");
          }
        }
        default -> approvers.add(normalise(who));
      }
    }
    if (approvers.isEmpty()) {
      // Only keywords that resolved to nobody: any eligible reviewer rather than a requirement no
      // one can meet.
      approvers.add("*");
      notes.add("any eligible reviewer may approve");
    }
    String reason =
        (r.reason().isEmpty() ? description() : r.reason())
            + where
            + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    return new Verdict.Require(r.count(), List.copyOf(approvers), reason, details);
  }

  private static Optional<String> statementHit(
      PrStatement s, Match m, SchemaContext ctx, Set<String> owners) {
    if (!m.operations().isEmpty() && s.operations().stream().noneMatch(m.operations()::contains)) {
      return Optional.empty();
    }
    List<String> objects = ChangeObjects.of(s.statement().change());
    if (!m.objects().isEmpty()
        && objects.stream()
            .noneMatch(o -> m.objects().stream().anyMatch(g -> Globs.matches(g, o)))) {
      return Optional.empty();
    }
    List<SchemaContext.ObjectInfo> infos = objects.stream().map(ctx::describe).toList();
    Set<String> tags = infos.stream().flatMap(i -> i.tags().stream()).collect(Collectors.toSet());
    if (!m.tags().isEmpty() && m.tags().stream().noneMatch(tags::contains)) {
      return Optional.empty();
    }
    if (!m.lockModes().isEmpty() || m.minBlocking().isPresent() || m.minTableBytes().isPresent()) {
      if (s.impact().isEmpty()) {
        return Optional.empty(); // impact criteria match only statements the impact stage weighed
      }
      ImpactFacts i = s.impact().get();
      if ((!m.lockModes().isEmpty() && !m.lockModes().contains(i.lockMode()))
          || (m.minBlocking().isPresent()
              && i.estimatedBlocking().compareTo(m.minBlocking().get()) < 0)
          || (m.minTableBytes().isPresent() && i.tableBytes() < m.minTableBytes().getAsLong())) {
        return Optional.empty();
      }
    }
    infos.forEach(i -> owners.addAll(i.owners()));
    StringBuilder sb =
        new StringBuilder(s.location())
            .append(' ')
            .append(
                s.operations().stream()
                    .map(OperationClass::label)
                    .collect(Collectors.joining(",")));
    if (!objects.isEmpty()) {
      sb.append(' ').append(String.join(", ", objects));
    }
    List<String> shownTags =
        tags.stream().filter(t -> m.tags().isEmpty() || m.tags().contains(t)).sorted().toList();
    if (!shownTags.isEmpty()) {
      sb.append(" [").append(String.join(", ", shownTags)).append(']');
    }
    s.impact()
        .ifPresent(
            i ->
                sb.append(" ")
                    .append(i.lockMode().sqlName())
                    .append(" ~")
                    .append(i.estimatedBlocking().toMillis() / 1000.0)
                    .append("s on ")
                    .append(i.tableBytes())
                    .append(" bytes"));
    return Optional.of(sb.toString());
  }

  private static boolean findingMatches(Finding fi, Match m, PrFacts f) {
    // A merged finding (one per concern) matches a policy naming any rule merged into it, e.g.
    // TR102 inside LK113.
    if (!m.rules().isEmpty()
        && fi.rules().stream().noneMatch(r -> m.rules().contains(r.toUpperCase(Locale.ROOT)))) {
      return false;
    }
    if (m.severity().isPresent()) {
      String s = m.severity().get();
      Severity threshold = s.equals("fail-on") ? f.failOn() : Severity.parse(s);
      return fi.severity().atLeast(threshold);
    }
    return true;
  }

  private static boolean on(Finding fi, PrStatement s) {
    SourceSpan st = s.statement().span();
    return fi.span().path().equals(st.path())
        && fi.span().line() >= st.line()
        && fi.span().line() <= st.endLine();
  }

  private static String describe(Finding fi) {
    return "finding "
        + fi.rule()
        + " ("
        + fi.severity().label()
        + ") at "
        + fi.span().path()
        + ":"
        + fi.span().line();
  }

  /**
   * The code owners of {@code files} (normalised), plus any the caller gave for the whole change; notes the
   * matched files no CODEOWNERS line owns, so the reason says why anyone else may approve.
   */
  private static Set<String> codeowners(PrFacts f, Set<String> files, List<String> notes) {
    Set<String> out = new LinkedHashSet<>();
    List<String> unowned = new ArrayList<>();
    for (String file : files) {
      List<String> who = f.fileOwners().get(file);
      if (who == null) {
        continue; // not a file the caller looked up (e.g. a facts builder without CODEOWNERS)
      }
      who.forEach(o -> out.add(normalise(o)));
      if (who.isEmpty()) {
        unowned.add(file);
      }
    }
    f.codeowners().forEach(o -> out.add(normalise(o)));
    if (!out.isEmpty() && !unowned.isEmpty()) {
      notes.add("no CODEOWNERS for " + String.join(", ", unowned));
    }
    return out;
  }

  /** {@code @acme/dba} -> {@code acme/dba} (a team), {@code @alice} -> {@code alice} (a login, as in CODEOWNERS). */
  static String normalise(String who) {
    String w = who.startsWith("@") ? who.substring(1) : who;
    return w.toLowerCase(Locale.ROOT);
  }
}
