package dev.schemawarden.analyzers.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A forward cursor over the tokens of one statement, with the small look-ahead a keyword-driven classifier needs.
 * Not thread-safe; one per statement.
 */
public final class TokenCursor {
  private static final Token EOF = new Token(Token.Type.OP, "<eof>", -1, -1);

  private final String text;
  private final List<Token> tokens;
  private int pos;

  public TokenCursor(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  public String text() {
    return text;
  }

  public int position() {
    return pos;
  }

  public void reset(int position) {
    this.pos = position;
  }

  public boolean atEnd() {
    return pos >= tokens.size();
  }

  public int size() {
    return tokens.size();
  }

  public Token peek() {
    return peek(0);
  }

  public Token peek(int ahead) {
    int i = pos + ahead;
    return i < tokens.size() ? tokens.get(i) : EOF;
  }

  public Token token(int index) {
    return index >= 0 && index < tokens.size() ? tokens.get(index) : EOF;
  }

  public Token next() {
    Token t = peek();
    if (pos < tokens.size()) {
      pos++;
    }
    return t;
  }

  /** True when the next tokens are exactly these lower-case words. */
  public boolean isWords(String... words) {
    for (int i = 0; i < words.length; i++) {
      if (!peek(i).isWord(words[i])) {
        return false;
      }
    }
    return true;
  }

  /** Consumes the words when they all match, in order. */
  public boolean acceptWords(String... words) {
    if (isWords(words)) {
      pos += words.length;
      return true;
    }
    return false;
  }

  /** Consumes one word if it is any of {@code choices}; returns which. */
  public Optional<String> acceptAny(String... choices) {
    Token t = peek();
    if (t.type() == Token.Type.WORD) {
      for (String c : choices) {
        if (t.value().equals(c)) {
          pos++;
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  public boolean isOp(String op) {
    return peek().isOp(op);
  }

  public boolean acceptOp(String op) {
    if (peek().isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes an identifier (word or quoted) and returns its value, or empty. */
  public Optional<String> acceptIdentifier() {
    Token t = peek();
    if (t.isIdentifier()) {
      pos++;
      return Optional.of(t.value());
    }
    return Optional.empty();
  }

  /** Skips a balanced group starting at {@code (} (or {@code [}); returns the text inside, or empty if none. */
  public Optional<String> acceptParenthesised() {
    if (!isOp("(") && !isOp("[")) {
      return Optional.empty();
    }
    int open = pos;
    int depth = 0;
    while (!atEnd()) {
      Token t = next();
      if (t.isOp("(") || t.isOp("[")) {
        depth++;
      } else if (t.isOp(")") || t.isOp("]")) {
        depth--;
        if (depth == 0) {
          return Optional.of(text.substring(tokens.get(open).end(), t.start()).trim());
        }
      }
    }
    return Optional.of(text.substring(tokens.get(open).end()).trim());
  }

  /**
   * Splits the parenthesised group at the cursor into its top-level comma-separated items, each as a sub-cursor
   * over the same text. Consumes the group. Empty list when no group is at the cursor.
   */
  public List<TokenCursor> acceptParenthesisedList() {
    List<TokenCursor> items = new ArrayList<>();
    if (!isOp("(")) {
      return items;
    }
    pos++;
    int depth = 0;
    int itemStart = pos;
    while (!atEnd()) {
      Token t = peek();
      if (t.isOp("(") || t.isOp("[")) {
        depth++;
      } else if ((t.isOp(")") || t.isOp("]")) && depth > 0) {
        depth--;
      } else if (depth == 0 && (t.isOp(",") || t.isOp(")"))) {
        if (pos > itemStart) {
          items.add(new TokenCursor(text, tokens.subList(itemStart, pos)));
        }
        pos++;
        if (t.isOp(")")) {
          return items;
        }
        itemStart = pos;
        continue;
      }
      pos++;
    }
    if (pos > itemStart) {
      items.add(new TokenCursor(text, tokens.subList(itemStart, pos)));
    }
    return items;
  }

  /** Splits the remaining tokens at top-level commas (for comma-separated ALTER TABLE actions and name lists). */
  public List<TokenCursor> splitRemainingAtCommas() {
    List<TokenCursor> items = new ArrayList<>();
    int depth = 0;
    int itemStart = pos;
    for (; pos < tokens.size(); pos++) {
      Token t = tokens.get(pos);
      if (t.isOp("(") || t.isOp("[")) {
        depth++;
      } else if (t.isOp(")") || t.isOp("]")) {
        depth--;
      } else if (depth == 0 && t.isOp(",")) {
        items.add(new TokenCursor(text, tokens.subList(itemStart, pos)));
        itemStart = pos + 1;
      }
    }
    if (tokens.size() > itemStart) {
      items.add(new TokenCursor(text, tokens.subList(itemStart, tokens.size())));
    }
    return items;
  }

  /** The source text from token {@code fromIndex} to the end of token {@code toIndexExclusive - 1}. */
  public String textBetween(int fromIndex, int toIndexExclusive) {
    if (fromIndex >= toIndexExclusive || fromIndex >= tokens.size()) {
      return "";
    }
    int end = tokens.get(Math.min(toIndexExclusive, tokens.size()) - 1).end();
    return text.substring(tokens.get(fromIndex).start(), end);
  }

  /** The source text of the remaining tokens. */
  public String remainingText() {
    return textBetween(pos, tokens.size());
  }

  /** Index of the first token at parenthesis depth 0 from the cursor that is one of the words, or -1. */
  public int findTopLevelWord(String... words) {
    int depth = 0;
    for (int i = pos; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isOp("(") || t.isOp("[")) {
        depth++;
      } else if (t.isOp(")") || t.isOp("]")) {
        depth--;
      } else if (depth == 0 && t.type() == Token.Type.WORD) {
        for (String w : words) {
          if (t.value().equals(w)) {
            return i;
          }
        }
      }
    }
    return -1;
  }
}
