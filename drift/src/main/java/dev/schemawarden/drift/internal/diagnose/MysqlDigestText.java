package dev.schemawarden.drift.internal.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a performance_schema digest text ({@code SELECT * FROM `orders` WHERE `customer_id` = ?}): the tables
 * after FROM and JOIN, and the columns compared with a value. Never run, only read; it is whatever someone ran on
 * production, and a text this reader does not follow gives fewer tables or columns, never an error.
 */
final class MysqlDigestText {
  /** A column compared with a value: {@code equality} for {@code = ?} and {@code IN (...)}, else a range. */
  record Column(Optional<String> qualifier, String name, boolean equality) {}

  /** A table of the statement, with the columns compared on it (equalities first, then at most one range). */
  record Use(Optional<String> database, String table, List<Column> columns) {}

  record Read(List<Use> uses) {}

  private record Token(String text, boolean quoted) {
    boolean word(String w) {
      return !quoted && text.equalsIgnoreCase(w);
    }

    boolean identifier() {
      return quoted || (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_');
    }
  }

  private static final List<String> NOT_ALIAS =
      List.of(
          "WHERE",
          "JOIN",
          "LEFT",
          "RIGHT",
          "INNER",
          "OUTER",
          "CROSS",
          "ON",
          "USING",
          "GROUP",
          "ORDER",
          "LIMIT",
          "HAVING",
          "UNION",
          "FOR",
          "STRAIGHT_JOIN",
          "NATURAL",
          "USE",
          "FORCE",
          "IGNORE",
          "WINDOW",
          "LOCK",
          "SET",
          "PARTITION",
          "INTO",
          "VALUES",
          "SELECT",
          "AND",
          "OR");

  private MysqlDigestText() {}

  static Read read(String text) {
    List<Token> t = tokens(text);
    record Ref(Optional<String> database, String table, Optional<String> alias) {}
    List<Ref> refs = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).word("FROM") || t.get(i).word("JOIN")) {
        int j = i + 1;
        while (j < t.size() && t.get(j).identifier() && !keyword(t.get(j))) {
          Optional<String> db = Optional.empty();
          String table = t.get(j).text;
          j++;
          if (j + 1 < t.size() && t.get(j).word(".") && t.get(j + 1).identifier()) {
            db = Optional.of(table);
            table = t.get(j + 1).text;
            j += 2;
          }
          if (j < t.size() && t.get(j).word("AS")) {
            j++;
          }
          Optional<String> alias = Optional.empty();
          if (j < t.size() && t.get(j).identifier() && !keyword(t.get(j))) {
            alias = Optional.of(t.get(j).text);
            j++;
          }
          refs.add(new Ref(db, table, alias));
          if (j < t.size() && t.get(j).word(",") && t.get(i).word("FROM")) {
            j++;
          } else {
            break;
          }
        }
      }
      Optional<Column> c = comparedColumn(t, i);
      c.ifPresent(columns::add);
    }
    List<Use> uses = new ArrayList<>();
    for (Ref r : refs) {
      List<Column> mine =
          columns.stream()
              .filter(
                  c ->
                      c.qualifier.isEmpty()
                          || c.qualifier.get().equals(r.table)
                          || r.alias.map(a -> a.equals(c.qualifier.get())).orElse(false))
              .toList();
      List<Column> ordered = new ArrayList<>(mine.stream().filter(Column::equality).toList());
      mine.stream().filter(c -> !c.equality).findFirst().ifPresent(ordered::add);
      uses.add(new Use(r.database, r.table, ordered));
    }
    return new Read(uses);
  }

  /** {@code [q.]col} at {@code i} followed by {@code = ?}, {@code IN (…)}, a comparison with {@code ?}, BETWEEN. */
  private static Optional<Column> comparedColumn(List<Token> t, int i) {
    if (!t.get(i).identifier() || keyword(t.get(i)) || (i > 0 && t.get(i - 1).word("."))) {
      return Optional.empty();
    }
    Optional<String> qualifier = Optional.empty();
    String name = t.get(i).text;
    int j = i + 1;
    if (j + 1 < t.size() && t.get(j).word(".") && t.get(j + 1).identifier()) {
      qualifier = Optional.of(name);
      name = t.get(j + 1).text;
      j += 2;
    }
    if (j + 1 >= t.size()) {
      return Optional.empty();
    }
    Token op = t.get(j);
    Token value = t.get(j + 1);
    if ((op.word("=") || op.word("<=>")) && value.word("?")) {
      return Optional.of(new Column(qualifier, name, true));
    }
    // A digest folds a value list to "(...)" (MariaDB) or "( ?, ... )".
    if (op.word("IN")
        && value.word("(")
        && j + 2 < t.size()
        && (t.get(j + 2).word("?") || t.get(j + 2).word("."))) {
      return Optional.of(new Column(qualifier, name, true));
    }
    if ((op.word("<") || op.word(">") || op.word("<=") || op.word(">=")) && value.word("?")
        || op.word("BETWEEN") && value.word("?")) {
      return Optional.of(new Column(qualifier, name, false));
    }
    return Optional.empty();
  }

  private static boolean keyword(Token t) {
    return !t.quoted && NOT_ALIAS.contains(t.text.toUpperCase(Locale.ROOT));
  }

  private static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '`') {
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        while (j < n) {
          if (s.charAt(j) == '`') {
            if (j + 1 < n && s.charAt(j + 1) == '`') {
              b.append('`');
              j += 2;
              continue;
            }
            break;
          }
          b.append(s.charAt(j++));
        }
        out.add(new Token(b.toString(), true));
        i = j + 1;
      } else if (ch == '\'' || ch == '"') {
        int j = i + 1;
        while (j < n && s.charAt(j) != ch) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        out.add(new Token("?", false)); // a literal the digest kept: a value all the same
        i = j + 1;
      } else if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '$') {
        int j = i;
        while (j < n
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || s.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(s.substring(i, j), false));
        i = j;
      } else {
        String three = i + 3 <= n ? s.substring(i, i + 3) : "";
        String two = i + 2 <= n ? s.substring(i, i + 2) : "";
        String op =
            three.equals("<=>")
                ? three
                : List.of("<=", ">=", "!=", "<>").contains(two) ? two : String.valueOf(ch);
        out.add(new Token(op, false));
        i += op.length();
      }
    }
    return out;
  }
}
