package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolInfoTest {
  @Test
  void rule_links_follow_the_docs_url_setting_and_default_to_the_project() {
    assertThat(ToolInfo.current(Map.<String, String>of()::get).ruleDocUri("LK101"))
        .isEqualTo(ToolInfo.DOCS + "LK101.md");
    assertThat(
            ToolInfo.current(
                    Map.of(ToolInfo.DOCS_URL_ENV, "https://docs.example.com/warden/rules")::get)
                .ruleDocUri("TR108"))
        .as("a trailing slash is added")
        .isEqualTo("https://docs.example.com/warden/rules/TR108.md");
  }

  @Test
  void a_docs_url_that_is_not_an_absolute_http_url_is_a_config_error_naming_the_variable() {
    assertThatThrownBy(() -> ToolInfo.current(Map.of(ToolInfo.DOCS_URL_ENV, "docs/rules/")::get))
        .hasMessageContaining("WARDEN_DOCS_URL must be an absolute http(s) URL");
    assertThatThrownBy(
            () -> ToolInfo.current(Map.of(ToolInfo.DOCS_URL_ENV, "javascript:alert(1)")::get))
        .hasMessageContaining("WARDEN_DOCS_URL");
  }
}
