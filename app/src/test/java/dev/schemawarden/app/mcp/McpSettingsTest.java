package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.github.GithubAuth;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.host.github.GithubSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /mcp}'s settings in {@code warden serve}: where its proposals open pull requests. */
class McpSettingsTest {
  @TempDir Path repo;

  private final Map<String, CodeHost> github =
      Map.of(
          "github",
          new GithubCodeHost(
              new GithubSettings(
                  GithubSettings.PUBLIC_API,
                  "",
                  new GithubAuth.Token("ghp-unused"),
                  GithubSettings.DEFAULT_CHECK_NAME)));

  private McpSettings settings(String repository) {
    return McpSettings.fromEnv(
            Map.of(McpSettings.REPO_ENV, repo.toString(), McpSettings.REPOSITORY_ENV, repository))
        .orElseThrow();
  }

  @Test
  void warden_mcp_repository_sends_proposals_to_that_repository_on_the_service_s_own_host() {
    Optional<ProposalHost> host = McpHttp.proposalHost(settings("github:acme/shop@42"), github);

    assertThat(host)
        .as("the service's GitHub host, with the App installation named")
        .hasValueSatisfying(
            h -> {
              assertThat(h.host()).isSameAs(github.get("github"));
              assertThat(h.repository().repository()).isEqualTo("acme/shop");
              assertThat(h.repository().installation()).contains(42L);
            });
    assertThat(
            McpHttp.proposalHost(
                McpSettings.fromEnv(Map.of(McpSettings.REPO_ENV, repo.toString())).orElseThrow(),
                github))
        .as("unset: proposals stay in the state store")
        .isEmpty();
  }

  @Test
  void
      a_malformed_repository_or_a_host_the_service_has_no_credentials_for_stops_start_up_naming_the_variable() {
    for (String bad :
        new String[] {"acme/shop", "github:../etc", "github:acme/shop;rm", "github:acme/sh op"}) {
      assertThatThrownBy(() -> McpHttp.proposalHost(settings(bad), github))
          .as(bad)
          .isInstanceOf(WardenException.class)
          .hasMessageStartingWith("WARDEN_MCP_REPOSITORY: ")
          .hasMessageContaining("is not host:owner/name");
    }
    assertThatThrownBy(() -> McpHttp.proposalHost(settings("gitlab:group/app"), github))
        .isInstanceOf(WardenException.class)
        .hasMessage(
            "WARDEN_MCP_REPOSITORY: gitlab is not configured: set its"
                + " variables (docs/deployment.md) or remove gitlab:group/app");
  }
}
