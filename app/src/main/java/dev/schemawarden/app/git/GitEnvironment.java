package dev.schemawarden.app.git;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole environment of a git child the service starts: nothing inherited but the search path, the proxy and
 * CA settings the network needs; no user or system git configuration (which could name credential helpers, hooks
 * or an {@code insteadOf} rewrite); only the http(s) transports; no prompt; and the credentials, when there are
 * some, as an {@code http.extraHeader} in {@code GIT_CONFIG_*} variables.
 */
final class GitEnvironment {
  /** Variables passed through from the service's environment when set: where git is, and how to reach the host. */
  static final List<String> PASSED =
      List.of(
          "PATH",
          "TZ",
          "http_proxy",
          "https_proxy",
          "no_proxy",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "all_proxy",
          "ALL_PROXY",
          "GIT_SSL_CAINFO",
          "GIT_SSL_CAPATH",
          "SSL_CERT_FILE",
          "SSL_CERT_DIR");

  private GitEnvironment() {}

  static Map<String, String> of(
      Map<String, String> parent, Path home, Optional<GitCredentials> credentials) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : PASSED) {
      Optional.ofNullable(parent.get(name)).ifPresent(v -> env.put(name, v));
    }
    env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_ASKPASS", "/bin/false");
    env.put("SSH_ASKPASS", "/bin/false");
    Map<String, String> config = new LinkedHashMap<>();
    config.put("protocol.allow", "never");
    config.put("protocol.https.allow", "always");
    config.put("protocol.http.allow", "always");
    config.put("credential.helper", "");
    config.put("core.askPass", "/bin/false");
    credentials.ifPresent(c -> config.putAll(c.config()));
    int i = 0;
    for (var e : config.entrySet()) {
      env.put("GIT_CONFIG_KEY_" + i, e.getKey());
      env.put("GIT_CONFIG_VALUE_" + i, e.getValue());
      i++;
    }
    env.put("GIT_CONFIG_COUNT", Integer.toString(i));
    return env;
  }
}
