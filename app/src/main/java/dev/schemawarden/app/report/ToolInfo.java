package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.RuleMeta;
import java.util.Objects;

/**
 * Who produced a report, as the JSON {@code tool} object and SARIF {@code tool.driver} name it.
 *
 * @param name the tool's name
 * @param version the running version (the jar's Implementation-Version; {@code dev} when run from classes)
 * @param informationUri absolute URI of the project's home page
 * @param docsBaseUri absolute URI that {@code <RULE-ID>.md} is appended to for a rule's page; PR comments and SARIF
 *     need absolute links because a relative {@code docs/rules/...} does not resolve outside the repository view
 */
public record ToolInfo(String name, String version, String informationUri, String docsBaseUri) {
  public static final String NAME = "schema-warden";
  public static final String HOME = "https://github.com/schemawarden/schema-warden";
  public static final String DOCS = HOME + "/blob/main/" + RuleMeta.DOCS_DIR;

  public ToolInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(informationUri, "informationUri");
    Objects.requireNonNull(docsBaseUri, "docsBaseUri");
  }

  /**
   * Environment variable naming the base of every rule link (PR comments, SARIF {@code helpUri}, annotations):
   * {@code <base><RULE-ID>.md}, e.g. a fork's or an internal mirror's {@code .../docs/rules/}.
   */
  public static final String DOCS_URL_ENV = "WARDEN_DOCS_URL";

  /** The running tool, version from the jar manifest, rule links from {@code WARDEN_DOCS_URL} when set. */
  public static ToolInfo current() {
    return current(System::getenv);
  }

  static ToolInfo current(java.util.function.Function<String, String> env) {
    String version = ToolInfo.class.getPackage().getImplementationVersion();
    ToolInfo tool = of(version == null ? "dev" : version);
    return java.util.Optional.ofNullable(env.apply(DOCS_URL_ENV))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(ToolInfo::docsBase)
        .map(base -> new ToolInfo(tool.name(), tool.version(), tool.informationUri(), base))
        .orElse(tool);
  }

  private static String docsBase(String url) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || !uri.isAbsolute()
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new dev.schemawarden.analyzers.api.WardenException(
          dev.schemawarden.analyzers.api.ErrorCode.CONFIG,
          DOCS_URL_ENV
              + " must be an absolute http(s) URL of the rule pages, e.g."
              + " https://github.com/acme/schema-warden/blob/main/docs/rules/");
    }
    return url.endsWith("/") ? url : url + "/";
  }

  public static ToolInfo of(String version) {
    return new ToolInfo(NAME, version, HOME, DOCS);
  }

  /** Absolute link to a rule's documentation page. */
  public String ruleDocUri(String ruleId) {
    return docsBaseUri + RuleMeta.docFile(ruleId);
  }
}
