package dev.schemawarden.analyzers.internal.sql;

/**
 * One lexical token of a statement.
 *
 * @param type what it is
 * @param value normalised value: unquoted words lower case, quoted identifiers and strings unescaped, operators as
 *     written
 * @param start offset of the first character in the statement text
 * @param end offset just after the last character
 */
public record Token(Type type, String value, int start, int end) {

  public enum Type {
    /** An unquoted identifier or keyword (value lower case). */
    WORD,
    /** A {@code "quoted"} identifier (value keeps case). */
    QUOTED_IDENT,
    /** A string constant of any form ({@code '..'}, {@code E'..'}, {@code $tag$..$tag$}). */
    STRING,
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAM,
    /** Punctuation and operators: {@code ( ) , ; . [ ] = ::} and operator runs. */
    OP
  }

  public boolean isWord(String lowerCase) {
    return type == Type.WORD && value.equals(lowerCase);
  }

  public boolean isOp(String op) {
    return type == Type.OP && value.equals(op);
  }

  /** A word or quoted identifier: something that can name an object. */
  public boolean isIdentifier() {
    return type == Type.WORD || type == Type.QUOTED_IDENT;
  }
}
