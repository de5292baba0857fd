package dev.schemawarden.app.report;

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
  public static final String DOCS = HOME + "/blob/main/docs/rules/";

  public ToolInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(informationUri, "informationUri");
    Objects.requireNonNull(docsBaseUri, "docsBaseUri");
  }

  /** The running tool, version from the jar manifest. */
  public static ToolInfo current() {
    String version = ToolInfo.class.getPackage().getImplementationVersion();
    return of(version == null ? "dev" : version);
  }

  public static ToolInfo of(String version) {
    return new ToolInfo(NAME, version, HOME, DOCS);
  }

  /** Absolute link to a rule's documentation page. */
  public String ruleDocUri(String ruleId) {
    return docsBaseUri + ruleId + ".md";
  }
}
