package dev.schemawarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvironmentsConfigTest {

  @Test
  void environments_are_read_in_order_with_their_variables_and_modes() {
    var envs =
        EnvironmentsConfig.parse(
            """
        engine: postgres
        environments:
          - name: staging
            url-env: STAGING_URL
            apply: auto
          - name: production
            url-env: PROD_URL
            user-env: PROD_USER
            password-env: PROD_PASSWORD
            policy: policies/prod.yml
        """,
            ".schemawarden.yml");
    assertThat(envs)
        .extracting(EnvironmentsConfig.Environment::name)
        .containsExactly("staging", "production");
    assertThat(envs.get(0).mode()).isEqualTo(EnvironmentsConfig.Mode.AUTO);
    assertThat(envs.get(1).mode())
        .as("manual unless it says auto")
        .isEqualTo(EnvironmentsConfig.Mode.MANUAL);
    assertThat(envs.get(1).passwordEnv()).hasValue("PROD_PASSWORD");
    assertThat(envs.get(1).policy()).hasValue("policies/prod.yml");
  }

  @Test
  void a_url_written_inline_is_refused_with_its_line_and_the_fix() {
    assertThatThrownBy(
            () ->
                EnvironmentsConfig.parse(
                    """
        environments:
          - name: production
            url: jdbc:postgresql://db/app?password=x
        """,
                    ".schemawarden.yml"))
        .hasMessageContaining(".schemawarden.yml:3: environments.url")
        .hasMessageContaining("url-env");
  }

  @Test
  void a_bad_apply_mode_names_the_line() {
    assertThatThrownBy(
            () ->
                EnvironmentsConfig.parse(
                    """
        environments:
          - name: staging
            url-env: STAGING_URL
            apply: always
        """,
                    ".schemawarden.yml"))
        .hasMessageContaining(":4: environments[staging].apply")
        .hasMessageContaining("auto or manual");
  }

  @Test
  void the_main_loader_accepts_the_section() {
    var config =
        new ConfigLoader(java.util.Set.of(), java.util.Map.of())
            .parse(
                """
        environments:
          - name: staging
            url-env: STAGING_URL
        """,
                ".schemawarden.yml");
    assertThat(config.engine()).isEqualTo("postgres");
  }
}
