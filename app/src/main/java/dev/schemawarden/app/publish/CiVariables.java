package dev.schemawarden.app.publish;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.Map;

/** The variables a CI system sets for a publishing run (GitHub Actions, GitLab CI). */
final class CiVariables {
  private CiVariables() {}

  /**
   * The value of {@code name}, trimmed; when it is missing or blank, a usage error saying why it should be set
   * ({@code hint}) and where a publishing run belongs ({@code where}).
   */
  static String required(Map<String, String> env, String name, String hint, String where) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new WardenException(
          ErrorCode.USAGE, name + " is not set: " + hint + " (" + where + ")");
    }
    return v.trim();
  }
}
