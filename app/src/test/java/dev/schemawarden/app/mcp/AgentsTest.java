package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentsTest {
  private static final String FILE =
      """
      agents:
        - name: claude
          token-sha256: %s
          acts-for: alice
          tools: [review_migration, get_policy]
        - name: ci-bot
          token-sha256: %s
          acts-for: acme/platform
      """
          .formatted(Sha256.hex("tok-a"), Sha256.hex("tok-b"));

  @Test
  void a_token_maps_to_its_agent_and_whom_it_acts_for() {
    Agents agents = Agents.parse("agents.yml", FILE);

    Agents.Caller caller = agents.identify(Optional.of("tok-a"));
    assertThat(caller).isInstanceOf(Agents.Caller.Known.class);
    Agents.Agent a = ((Agents.Caller.Known) caller).agent();
    assertThat(a.actor()).isEqualTo("agent:claude");
    assertThat(a.actsFor()).isEqualTo("alice");
    assertThat(a.mayCall("get_policy")).isTrue();
    assertThat(a.mayCall("query_audit")).as("not in its tools:").isFalse();
    assertThat(
            ((Agents.Caller.Known) agents.identify(Optional.of("tok-b")))
                .agent()
                .mayCall("query_audit"))
        .as("no tools: means every tool")
        .isTrue();
  }

  @Test
  void an_unknown_or_missing_token_or_no_agents_at_all_is_nobody() {
    Agents agents = Agents.parse("agents.yml", FILE);

    assertThat(agents.identify(Optional.of("tok-c"))).isInstanceOf(Agents.Caller.Unknown.class);
    assertThat(agents.identify(Optional.of(Sha256.hex("tok-a"))))
        .as("the stored hash is not a token")
        .isInstanceOf(Agents.Caller.Unknown.class);
    assertThat(agents.identify(Optional.empty())).isInstanceOf(Agents.Caller.Unknown.class);
    assertThat(((Agents.Caller.Unknown) Agents.none().identify(Optional.of("tok-a"))).reason())
        .contains("no agents are configured");
  }

  @Test
  void a_token_written_in_clear_instead_of_its_hash_is_a_config_error_naming_the_line() {
    assertThatThrownBy(
            () ->
                Agents.parse(
                    "agents.yml",
                    """
        agents:
          - name: claude
            token-sha256: tok-a
            acts-for: alice
        """))
        .isInstanceOf(WardenException.class)
        .hasMessageStartingWith("agents.yml:2: token-sha256 of agent 'claude' is not a SHA-256")
        .hasMessageContaining("sha256sum");
  }

  @Test
  void a_bad_agents_file_stops_warden_mcp_at_start_with_one_line(@TempDir Path tmp)
      throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("agents.yml"), "agents:\n  - name: claude\n    acts-for: alice\n");

    Cli.Run run = Cli.run("mcp", "--repo", tmp.toString(), "--agents", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip())
        .as("one line naming the file, the line and the fix")
        .isEqualTo(
            "warden: error: " + file + ":2: an agent has no 'token-sha256': add token-sha256: ...");
    assertThat(run.out()).as("nothing on the protocol stream").isEmpty();
  }

  @Test
  void an_unknown_tool_or_key_is_a_config_error() {
    assertThatThrownBy(() -> Agents.parse("a.yml", FILE.replace("get_policy", "drop_database")))
        .hasMessageContaining("unknown tool 'drop_database'");
    assertThatThrownBy(
            () ->
                Agents.parse(
                    "a.yml", FILE.replace("acts-for: alice", "acts-for: alice\n    token: x")))
        .hasMessageContaining("unknown key 'token'");
  }

  @Test
  void readonly_query_names_a_variable_never_a_url_and_its_limits_are_bounded() {
    Agents ok =
        Agents.parse(
            "a.yml",
            FILE.replace(
                "acts-for: alice",
                "acts-for: alice\n    readonly-query: {url-env: SHOP_RO_URL, timeout: 3s, max-rows: 50}"));
    assertThat(ok.agents().get(0).readonlyQuery())
        .as("on for claude only")
        .contains(new Agents.ReadonlyAccess("SHOP_RO_URL", java.time.Duration.ofSeconds(3), 50));
    assertThat(ok.agents().get(1).readonlyQuery()).as("off unless given").isEmpty();

    assertThatThrownBy(
            () ->
                Agents.parse(
                    "a.yml",
                    FILE.replace(
                        "acts-for: alice",
                        "acts-for: alice\n    readonly-query: {url-env: 'jdbc:postgresql://db/shop?password=x'}")))
        .hasMessageContaining("a.yml:")
        .hasMessageContaining("is not an environment variable name");
    assertThatThrownBy(
            () ->
                Agents.parse(
                    "a.yml",
                    FILE.replace(
                        "acts-for: alice",
                        "acts-for: alice\n    readonly-query: {url-env: X, timeout: 10m}")))
        .hasMessageContaining("between 1s and 60s");
    assertThatThrownBy(
            () ->
                Agents.parse(
                    "a.yml",
                    FILE.replace(
                        "acts-for: alice",
                        "acts-for: alice\n    readonly-query: {url-env: X, max-rows: 1000000}")))
        .hasMessageContaining("between 1 and 10000");
    assertThat(ok.agents().get(0).readonlyQuery().orElseThrow().allowPii())
        .as("PII masked by default")
        .isFalse();
    assertThatThrownBy(
            () ->
                Agents.parse(
                    "a.yml",
                    FILE.replace(
                        "acts-for: alice",
                        "acts-for: alice\n    readonly-query: {url-env: X, allow-pii: yes please}")))
        .hasMessageContaining("allow-pii 'yes please' is not true or false");
  }

  @Test
  void the_apply_target_names_a_variable_never_a_url_and_an_unknown_top_level_key_is_refused() {
    Agents ok =
        Agents.parse(
            "a.yml", "apply:\n  environment: production\n  url-env: SHOP_PROD_URL\n" + FILE);
    assertThat(ok.apply())
        .as("request_apply's target")
        .contains(new Agents.ApplyTarget("production", "SHOP_PROD_URL", 1));
    assertThat(Agents.parse("a.yml", FILE).apply())
        .as("none unless given: apply requests are only recorded")
        .isEmpty();
    assertThat(ok.isAgent("CI-BOT")).as("an agent's name is never a human approver").isTrue();
    assertThat(ok.isAgent("carol")).isFalse();

    assertThatThrownBy(
            () ->
                Agents.parse(
                    "a.yml",
                    "apply:\n  environment: production\n"
                        + "  url-env: 'jdbc:postgresql://db/shop?password=x'\n"
                        + FILE))
        .hasMessageStartingWith("a.yml:")
        .hasMessageContaining("is not an environment variable name");
    assertThatThrownBy(
            () ->
                Agents.parse(
                    "a.yml",
                    "apply:\n  environment: production\n  url-env: X\n"
                        + "  url: jdbc:postgresql://db/shop\n"
                        + FILE))
        .hasMessageContaining("unknown key 'url' in apply");
    assertThatThrownBy(() -> Agents.parse("a.yml", "target: production\n" + FILE))
        .hasMessageStartingWith("a.yml:1: unknown key 'target'");
  }
}
