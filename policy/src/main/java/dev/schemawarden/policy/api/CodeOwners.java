package dev.schemawarden.policy.api;

import dev.schemawarden.policy.internal.CodeOwnersPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed CODEOWNERS file, GitHub's format with GitLab's {@code [Section]} headers: each line is
 * {@code pattern owner...} where an owner is {@code @login}, {@code @org/team} or an e-mail address; {@code #}
 * starts a comment; the <b>last</b> matching line wins (section names are accepted and ignored, so this holds
 * across sections too; a section's default owners apply to its lines that name none). Patterns follow gitignore
 * (see {@link CodeOwnersPattern}) without negation. Pure: the caller reads the file (from one of
 * {@link #LOCATIONS}) and passes its text. Bad lines are skipped and reported as {@link PolicyProblem}s with
 * their line, as GitHub skips them.
 */
public final class CodeOwners {
  /** Where GitHub and GitLab look, first found wins. */
  public static final List<String> LOCATIONS =
      List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

  private static final Pattern LOGIN =
      Pattern.compile("@[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern SECTION =
      Pattern.compile("\\^?\\[([^\\]]+)\\](?:\\[(\\d+)\\])?(.*)");

  /**
   * One effective line.
   *
   * @param line 1-based line in the file
   * @param pattern the path pattern as written
   * @param owners {@code @login}, {@code @org/team} or e-mail, as written; empty means "nobody owns these"
   */
  public record Rule(int line, String pattern, List<String> owners) {
    public Rule {
      Objects.requireNonNull(pattern, "pattern");
      owners = List.copyOf(owners);
    }
  }

  private record Compiled(Rule rule, CodeOwnersPattern pattern) {}

  private final String file;
  private final List<Compiled> rules;
  private final List<PolicyProblem> problems;

  private CodeOwners(String file, List<Compiled> rules, List<PolicyProblem> problems) {
    this.file = file;
    this.rules = List.copyOf(rules);
    this.problems = List.copyOf(problems);
  }

  /** No CODEOWNERS file: nothing is owned. */
  public static CodeOwners empty() {
    return new CodeOwners("", List.of(), List.of());
  }

  /** Parses {@code text}; {@code file} names it in problems ({@code .github/CODEOWNERS}). Never throws. */
  public static CodeOwners parse(String file, String text) {
    List<Compiled> rules = new ArrayList<>();
    List<PolicyProblem> problems = new ArrayList<>();
    List<String> sectionDefaults = List.of();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int n = i + 1;
      String raw = lines[i].strip();
      if (raw.isEmpty() || raw.startsWith("#")) {
        continue;
      }
      var section = SECTION.matcher(raw);
      if (raw.startsWith("[") || raw.startsWith("^[")) {
        if (!section.matches()) {
          problems.add(
              new PolicyProblem(
                  file,
                  n,
                  "unclosed section header '" + raw + "'",
                  "write a GitLab section as [Section name] optionally followed by default owners"));
          continue;
        }
        List<String> defaults = tokens(stripComment(section.group(3)));
        List<String> bad = defaults.stream().filter(o -> !validOwner(o)).toList();
        if (!bad.isEmpty()) {
          problems.add(badOwners(file, n, bad));
          sectionDefaults = List.of();
        } else {
          sectionDefaults = defaults;
        }
        continue;
      }
      List<String> tokens = tokens(raw);
      String pattern = tokens.get(0);
      if (pattern.startsWith("!")) {
        problems.add(
            new PolicyProblem(
                file,
                n,
                "negated pattern '" + pattern + "' is not supported in CODEOWNERS",
                "list the paths that should have owners instead, or give a later line with no owners"));
        continue;
      }
      if (pattern.contains("[") || pattern.contains("]")) {
        problems.add(
            new PolicyProblem(
                file,
                n,
                "character range in pattern '" + pattern + "' is not supported",
                "GitHub ignores [..] ranges in CODEOWNERS; write one line per path or use * and ?"));
        continue;
      }
      List<String> owners = stripComment(tokens.subList(1, tokens.size()));
      List<String> bad = owners.stream().filter(o -> !validOwner(o)).toList();
      if (!bad.isEmpty()) {
        problems.add(badOwners(file, n, bad));
        continue;
      }
      List<String> effective = owners.isEmpty() ? sectionDefaults : owners;
      rules.add(new Compiled(new Rule(n, pattern, effective), CodeOwnersPattern.of(pattern)));
    }
    return new CodeOwners(file, rules, problems);
  }

  /** The file's name as given to {@link #parse}; empty for {@link #empty()}. */
  public String file() {
    return file;
  }

  /** Every line skipped as invalid, in line order. */
  public List<PolicyProblem> problems() {
    return problems;
  }

  /** The effective lines, in file order. */
  public List<Rule> rules() {
    return rules.stream().map(Compiled::rule).toList();
  }

  /** The last line matching {@code path} (repository-relative, {@code /}-separated); empty when none does. */
  public Optional<Rule> ruleFor(String path) {
    String p = path.replace('\\', '/');
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).pattern().matches(p)) {
        return Optional.of(rules.get(i).rule());
      }
    }
    return Optional.empty();
  }

  /** The owners of {@code path} as written ({@code @alice}, {@code @acme/dba}); empty when no line matches. */
  public List<String> ownersOf(String path) {
    return ruleFor(path).map(Rule::owners).orElse(List.of());
  }

  private static boolean validOwner(String o) {
    return LOGIN.matcher(o).matches() || EMAIL.matcher(o).matches();
  }

  private static PolicyProblem badOwners(String file, int line, List<String> bad) {
    return new PolicyProblem(
        file,
        line,
        "invalid owner " + String.join(", ", bad.stream().map(b -> "'" + b + "'").toList()),
        "owners are @login, @org/team or an e-mail address; GitHub ignores this line");
  }

  /** Whitespace-separated tokens; {@code \ } keeps a space in a pattern and {@code \#} a literal {@code #}. */
  private static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String stripComment(String s) {
    int hash = s.indexOf('#');
    return hash < 0 ? s : s.substring(0, hash);
  }

  /** An owner list ends at a token starting with {@code #} (an inline comment). */
  private static List<String> stripComment(List<String> owners) {
    List<String> out = new ArrayList<>();
    for (String o : owners) {
      if (o.startsWith("#")) {
        break;
      }
      out.add(o);
    }
    return out;
  }
}
