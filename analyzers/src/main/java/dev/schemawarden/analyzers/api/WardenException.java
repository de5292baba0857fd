package dev.schemawarden.analyzers.api;

import java.util.Objects;

/**
 * The one unchecked root of Schema Warden's errors. The message says what failed, where (file and line when
 * known) and what to do next; the {@link ErrorCode} decides the exit code.
 */
public class WardenException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public WardenException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public WardenException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
