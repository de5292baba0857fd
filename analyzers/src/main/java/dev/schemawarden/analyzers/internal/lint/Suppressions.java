package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlComment;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code warden:ignore} directives of one migration, and which of them were used.
 *
 * <ul>
 *   <li>{@code -- warden:ignore LK101[,LK102] <reason>} on the comment line(s) directly before a statement, or at the
 *       end of its first line, suppresses those ids on that statement;
 *   <li>{@code -- warden:ignore-file LK101 <reason>} anywhere suppresses them in the whole migration.
 * </ul>
 *
 * A directive without a reason, with an unknown id or in no statement's place is a {@code WD001} problem; it then
 * suppresses nothing, so the finding it meant to hide stays visible.
 */
final class Suppressions {

  private static final Pattern DIRECTIVE = Pattern.compile("^warden:(\\S*)(.*)$", Pattern.DOTALL);
  private static final Pattern IDS =
      Pattern.compile(
          "^\\s*([A-Za-z][A-Za-z0-9-]*(?:\\s*,\\s*[A-Za-z][A-Za-z0-9-]*)*)(.*)$", Pattern.DOTALL);

  /** Ids a directive may never name: suppressing a suppression problem would hide it for good. */
  private static final Set<String> UNSUPPRESSIBLE =
      Set.of(SystemRules.WD001.id(), SystemRules.WD002.id());

  /** One id named by one directive, and whether it hid anything. */
  private static final class Entry {
    final SqlComment comment;
    final String id;
    final OptionalInt statementIndex; // empty = whole file
    boolean used;

    Entry(SqlComment comment, String id, OptionalInt statementIndex) {
      this.comment = comment;
      this.id = id;
      this.statementIndex = statementIndex;
    }
  }

  private final Migration migration;
  private final List<Entry> entries = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  /** A malformed directive: where and what is wrong. */
  record Problem(SourceSpan span, String message) {}

  private Suppressions(Migration migration) {
    this.migration = migration;
  }

  /**
   * Reads the directives of {@code migration}; {@code resolve} maps an id or slug to its rule, empty when unknown.
   */
  static Suppressions parse(Migration migration, Function<String, Optional<RuleMeta>> resolve) {
    Suppressions s = new Suppressions(migration);
    Set<Integer> commentLines = new HashSet<>();
    for (SqlComment c : migration.comments()) {
      commentLines.add(c.line());
    }
    for (SqlComment c : migration.comments()) {
      Matcher m = DIRECTIVE.matcher(c.text().strip());
      if (m.matches()) {
        s.read(c, m.group(1), m.group(2), commentLines, resolve);
      }
    }
    return s;
  }

  private void read(
      SqlComment c,
      String verb,
      String rest,
      Set<Integer> commentLines,
      Function<String, Optional<RuleMeta>> resolve) {
    boolean fileWide;
    if (verb.equals("ignore")) {
      fileWide = false;
    } else if (verb.equals("ignore-file")) {
      fileWide = true;
    } else {
      problem(
          c,
          "unknown directive `warden:"
              + verb
              + "`: write `warden:ignore ID <reason>` or"
              + " `warden:ignore-file ID <reason>`");
      return;
    }
    Matcher ids = IDS.matcher(rest);
    if (!ids.matches()) {
      problem(
          c, "`warden:" + verb + "` names no rule: write `-- warden:" + verb + " LK101 <reason>`");
      return;
    }
    String reason = ids.group(2).strip().replaceFirst("^(--|:|-)\\s*", "").strip();
    if (reason.isEmpty()) {
      problem(
          c,
          "`warden:"
              + verb
              + " "
              + ids.group(1).strip()
              + "` gives no reason: say why the statement is"
              + " safe, e.g. `-- warden:"
              + verb
              + " "
              + ids.group(1).strip()
              + " table has 10 rows`");
      return;
    }
    List<String> resolved = new ArrayList<>();
    for (String raw : ids.group(1).split("\\s*,\\s*")) {
      Optional<RuleMeta> meta = resolve.apply(raw.strip());
      if (meta.isEmpty()) {
        problem(
            c,
            "unknown rule `"
                + raw.strip()
                + "` in `warden:"
                + verb
                + "`: did you mean "
                + Catalog.closest(raw.strip())
                + "? (see docs/rules/README.md)");
        return;
      }
      if (UNSUPPRESSIBLE.contains(meta.get().id())) {
        problem(c, meta.get().id() + " cannot be suppressed: fix the directive it reports instead");
        return;
      }
      resolved.add(meta.get().id());
    }
    OptionalInt target = OptionalInt.empty();
    if (!fileWide) {
      target = statementFor(c, commentLines);
      if (target.isEmpty()) {
        problem(
            c,
            "`warden:ignore` must stand on the line directly before a statement or at the end of its first"
                + " line; use `warden:ignore-file` to suppress in the whole file");
        return;
      }
    }
    for (String id : resolved) {
      entries.add(new Entry(c, id, target));
    }
  }

  /** The statement a per-statement directive belongs to, if it stands where one may. */
  private OptionalInt statementFor(SqlComment c, Set<Integer> commentLines) {
    for (SqlStatement s : migration.statements()) {
      if (s.line() == c.line() && c.column() > s.span().column()) {
        return OptionalInt.of(s.index()); // at the end of the statement's first line
      }
      if (c.line() > s.line() && c.line() <= s.span().endLine()) {
        return OptionalInt.empty(); // inside a statement
      }
      if (s.line() > c.line()) {
        for (int line = c.line() + 1; line < s.line(); line++) {
          if (!commentLines.contains(line)) {
            return OptionalInt.empty(); // a blank line or code separates it from the statement
          }
        }
        return OptionalInt.of(s.index());
      }
    }
    return OptionalInt.empty();
  }

  private void problem(SqlComment c, String message) {
    problems.add(new Problem(span(c), message));
  }

  private SourceSpan span(SqlComment c) {
    return new SourceSpan(
        migration.path(), c.line(), c.column(), c.line(), c.column() + c.text().length() + 1);
  }

  /** Whether a directive hides {@code finding}, found on {@code statement} (empty for file-level findings). */
  boolean suppresses(Finding finding, Optional<SqlStatement> statement) {
    if (LintRunner.FIXED.contains(finding.rule())) {
      return false; // the author of the change must not be able to hide these from the reviewer
    }
    boolean hidden = false;
    for (Entry e : entries) {
      if (!e.id.equals(finding.rule())) {
        continue;
      }
      boolean applies =
          e.statementIndex.isEmpty()
              || statement.isPresent() && e.statementIndex.getAsInt() == statement.get().index();
      if (applies) {
        e.used = true;
        hidden = true;
      }
    }
    return hidden;
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }

  /**
   * Directives that hid nothing, one problem per directive, naming its unused ids. Only ids in {@code ran} count:
   * an ignore for a rule that is disabled or does not concern this server version is not stale, it is dormant.
   */
  List<Problem> unused(Set<String> ran) {
    Map<SqlComment, List<String>> byComment = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (!e.used && ran.contains(e.id)) {
        byComment.computeIfAbsent(e.comment, k -> new ArrayList<>()).add(e.id);
      }
    }
    List<Problem> out = new ArrayList<>();
    byComment.forEach(
        (c, ids) ->
            out.add(
                new Problem(
                    span(c),
                    "`warden:ignore "
                        + String.join(",", ids)
                        + "` suppresses nothing: "
                        + String.join(",", ids)
                        + " reported nothing "
                        + (entries.stream()
                                .anyMatch(e -> e.comment == c && e.statementIndex.isEmpty())
                            ? "in this file"
                            : "on the statement below")
                        + "; delete the directive")));
    return out;
  }
}
