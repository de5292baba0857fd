package dev.schemawarden.analyzers.api.yaml;

/** The text is not valid YAML; the caller turns it into its own error, naming its file. */
public final class YamlSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final String reason;

  YamlSyntaxException(int line, String reason, Throwable cause) {
    super("line " + line + ": " + reason, cause);
    this.line = line;
    this.reason = reason;
  }

  /** The 1-based line the parser stopped on, or 0 when it does not say. */
  public int line() {
    return line;
  }

  /** The first line of the parser's explanation. */
  public String reason() {
    return reason;
  }
}
