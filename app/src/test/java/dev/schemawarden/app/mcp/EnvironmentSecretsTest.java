package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSecretsTest {
  private final EnvironmentSecrets secrets =
      new EnvironmentSecrets(
          Map.of(
              "PGPASSWORD", "hunter2-long",
              "WARDEN_GITHUB_TOKEN", "ghp_abcdef123456",
              "PROD_DATABASE_URL", "jdbc:postgresql://prod:5432/shop?user=app",
              "WARDEN_API_TOKEN", "1",
              "HOME", "/home/alice"));

  @Test
  void values_of_credential_like_variables_are_masked_wherever_they_appear() {
    String out =
        secrets.scrub(
            "failed with hunter2-long at jdbc:postgresql://prod:5432/shop?user=app; ghp_abcdef123456");

    assertThat(out)
        .doesNotContain("hunter2-long")
        .doesNotContain("ghp_abcdef123456")
        .doesNotContain("prod:5432")
        .isEqualTo("failed with *** at ***; ***");
  }

  @Test
  void passwords_in_urls_are_masked_even_when_no_variable_holds_them() {
    assertThat(secrets.scrub("jdbc:postgresql://db/x?user=a&password=s3cret"))
        .isEqualTo("jdbc:postgresql://db/x?user=a&password=***");
  }

  @Test
  void short_values_and_ordinary_variables_are_left_alone() {
    assertThat(secrets.scrub("1 row in /home/alice/src"))
        .as("a one-character token would blank every digit")
        .isEqualTo("1 row in /home/alice/src");
  }
}
