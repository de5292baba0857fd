package dev.schemawarden.app.mcp;

import dev.schemawarden.app.audit.Secrets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The last guard before a tool result leaves the process: every value of an environment variable that looks like a
 * credential (a password, token, key, or a URL or DSN, which may carry one) is replaced by {@code ***}, and
 * {@link Secrets} scrubs passwords in URLs. No tool is meant to return one; this holds even if a message quotes one.
 */
final class EnvironmentSecrets {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(PASS|SECRET|TOKEN|KEY|CREDENTIAL|AUTH|_URL|_DSN|PRIVATE).*");

  /** Shorter values ("1", "true") would blank ordinary words. */
  private static final int MIN_LENGTH = 6;

  private final List<String> values;

  EnvironmentSecrets(Map<String, String> env) {
    values =
        env.entrySet().stream()
            .filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
            .map(Map.Entry::getValue)
            .filter(v -> v != null && v.strip().length() >= MIN_LENGTH)
            .map(String::strip)
            .distinct()
            .sorted(
                Comparator.comparingInt(String::length)
                    .reversed()) // a value inside a longer one goes last
            .toList();
  }

  String scrub(String text) {
    String out = Secrets.redact(text);
    for (String v : values) {
      out = out.replace(v, "***");
    }
    return out;
  }
}
