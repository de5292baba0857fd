package dev.schemawarden.analyzers.api;

/** Why an operation failed; each maps to the CLI exit code of the contract in DESIGN.md. */
public enum ErrorCode {
  /** Bad command line arguments. */
  USAGE(2),
  /** Invalid {@code .schemawarden.yml}, policy or context file. */
  CONFIG(2),
  /** A migration file that cannot be read or understood at all. */
  INPUT(2),
  /** Git, a database, a host API or the file system failed. */
  INFRASTRUCTURE(2),
  /** A bug: something that should not happen. */
  INTERNAL(2);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
