package dev.schemawarden.app.audit;

import java.util.regex.Pattern;

/**
 * Scrubs secrets from text before it is stored or printed: passwords in JDBC/libpq URLs ({@code user:pw@host},
 * {@code password=...}), and bearer/token-like query parameters. Applied to every text the audit log stores, so a
 * database error that echoes a connection URL cannot leak a password into the permanent record.
 */
public final class Secrets {
  private static final Pattern USERINFO = Pattern.compile("(://[^/:@\\s]+):[^@/\\s]+@");
  private static final Pattern PARAM =
      Pattern.compile(
          "(?i)\\b(password|passwd|pwd|token|secret|access_token|private_key|sslpassword)=([^&;\\s'\"]+)");

  private Secrets() {}

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    String out = USERINFO.matcher(text).replaceAll("$1:***@");
    return PARAM.matcher(out).replaceAll("$1=***");
  }
}
