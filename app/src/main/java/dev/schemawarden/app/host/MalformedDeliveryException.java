package dev.schemawarden.app.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;

/** A signed delivery whose body is not the JSON the event promises (answered with 400). */
public final class MalformedDeliveryException extends WardenException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  public MalformedDeliveryException(String message, Throwable cause) {
    super(ErrorCode.INPUT, message, cause);
  }

  /** A delivery's body as the JSON object every host's events are, or this exception saying what it is instead. */
  public static JsonNode jsonObject(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedDeliveryException("body is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedDeliveryException("body cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedDeliveryException("body is not a JSON object", null);
    }
    return root;
  }
}
