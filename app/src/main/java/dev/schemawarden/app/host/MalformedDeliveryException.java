package dev.schemawarden.app.host;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;

/** A signed delivery whose body is not the JSON the event promises (answered with 400). */
public final class MalformedDeliveryException extends WardenException {
  private static final long serialVersionUID = 1L;

  public MalformedDeliveryException(String message, Throwable cause) {
    super(ErrorCode.INPUT, message, cause);
  }
}
