package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.analyzers.api.yaml.YamlSyntaxException;
import dev.schemawarden.analyzers.api.yaml.YamlTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agents file ({@code --agents FILE} or {@code $WARDEN_AGENTS_FILE}): each agent's token, stored only as its
 * SHA-256, mapped to the agent's name and the person or team it acts for. No file means no agent is known, and every
 * tool call is refused (fail closed).
 */
public record Agents(List<Agent> agents, Optional<ApplyTarget> apply) {
  public static final String FILE_ENV = "WARDEN_AGENTS_FILE";
  public static final String TOKEN_ENV = "WARDEN_AGENT_TOKEN";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public Agents {
    agents = List.copyOf(agents);
    Objects.requireNonNull(apply, "apply");
  }

  /** Without an apply target: {@code request_apply} records an apply request and applies nothing. */
  public Agents(List<Agent> agents) {
    this(agents, Optional.empty());
  }

  /**
   * {@code apply:} of the agents file: the one database {@code request_apply} applies an allowed, approved (and,
   * with a code host, merged) proposal to. Only the name of warden's environment variable holding the JDBC URL is
   * written down: the URL and its credentials stay in warden's environment and never reach an agent.
   *
   * @param environment the environment's name in audit entries ({@code production})
   * @param urlEnv the variable holding the JDBC URL
   * @param line where it is written, for errors
   */
  public record ApplyTarget(String environment, String urlEnv, int line) {
    public ApplyTarget {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(urlEnv, "urlEnv");
    }
  }

  /** True when {@code login} is the name of a configured agent: its approvals never count. */
  public boolean isAgent(String login) {
    return agents.stream().anyMatch(a -> a.name().equalsIgnoreCase(login));
  }

  /**
   * One agent.
   *
   * @param name its name; its audit entries have actor {@code agent:NAME}
   * @param tokenSha256 the SHA-256 (hex) of its token
   * @param actsFor the person (host login) it acts for; the policy sees them as the change's author
   * @param team the team it acts for, if any
   * @param tools the tools it may call; empty: every tool
   * @param readonlyQuery where and how {@code run_readonly_query} runs for it; empty: that tool is refused
   */
  public record Agent(
      String name,
      String tokenSha256,
      String actsFor,
      Optional<String> team,
      Set<String> tools,
      Optional<ReadonlyAccess> readonlyQuery) {
    public Agent {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(tokenSha256, "tokenSha256");
      Objects.requireNonNull(actsFor, "actsFor");
      Objects.requireNonNull(team, "team");
      tools = Set.copyOf(tools);
      Objects.requireNonNull(readonlyQuery, "readonlyQuery");
    }

    /** Without {@code run_readonly_query}. */
    public Agent(
        String name, String tokenSha256, String actsFor, Optional<String> team, Set<String> tools) {
      this(name, tokenSha256, actsFor, team, tools, Optional.empty());
    }

    public String actor() {
      return "agent:" + name;
    }

    public boolean mayCall(String tool) {
      return tools.isEmpty() || tools.contains(tool);
    }
  }

  /**
   * {@code readonly-query:} of one agent: the environment variable holding the JDBC URL of a role with SELECT-only
   * grants (the URL never appears in the agents file or reaches the agent), the statement timeout, the row cap, and
   * whether PII-tagged columns come back as they are ({@code allow-pii: true}) or masked (the default).
   */
  public record ReadonlyAccess(
      String urlEnv, java.time.Duration timeout, int maxRows, boolean allowPii) {
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ROWS = 500;

    public ReadonlyAccess {
      Objects.requireNonNull(urlEnv, "urlEnv");
      Objects.requireNonNull(timeout, "timeout");
    }

    /** PII-tagged columns masked (the default). */
    public ReadonlyAccess(String urlEnv, java.time.Duration timeout, int maxRows) {
      this(urlEnv, timeout, maxRows, false);
    }
  }

  /** Who is calling: a configured agent, or nobody known with the reason. */
  public sealed interface Caller {
    String actor();

    record Known(Agent agent) implements Caller {
      @Override
      public String actor() {
        return agent.actor();
      }
    }

    record Unknown(String reason) implements Caller {
      @Override
      public String actor() {
        return "agent:unknown";
      }
    }
  }

  public static Agents none() {
    return new Agents(List.of(), Optional.empty());
  }

  /** Where a caller's token comes from, for the reason a refusal gives. */
  public enum Transport {
    STDIO(
        "start warden mcp with --agents FILE (or " + FILE_ENV + ")",
        "set " + TOKEN_ENV + " in the agent's MCP server configuration",
        "check " + TOKEN_ENV),
    HTTP(
        "start warden serve with " + FILE_ENV,
        "send the agent's token as Authorization: Bearer TOKEN",
        "check the token in the Authorization header");

    private final String noAgents;
    private final String noToken;
    private final String wrongToken;

    Transport(String noAgents, String noToken, String wrongToken) {
      this.noAgents = noAgents;
      this.noToken = noToken;
      this.wrongToken = wrongToken;
    }
  }

  /** As {@link #identify(Optional, Transport)} over stdio ({@code WARDEN_AGENT_TOKEN}). */
  public Caller identify(Optional<String> token) {
    return identify(token, Transport.STDIO);
  }

  /** The agent whose token hash matches; every entry is compared, in constant time, so timing tells nothing. */
  public Caller identify(Optional<String> token, Transport transport) {
    if (agents.isEmpty()) {
      return new Caller.Unknown(
          "no agents are configured: " + transport.noAgents + "; see docs/mcp.md");
    }
    if (token.isEmpty() || token.get().isBlank()) {
      return new Caller.Unknown("no agent token: " + transport.noToken);
    }
    byte[] presented = Sha256.hex(token.get().strip()).getBytes(StandardCharsets.US_ASCII);
    Agent found = null;
    for (Agent a : agents) {
      if (MessageDigest.isEqual(presented, a.tokenSha256().getBytes(StandardCharsets.US_ASCII))
          && found == null) {
        found = a;
      }
    }
    return found != null
        ? new Caller.Known(found)
        : new Caller.Unknown(
            "the agent token matches no agent in the agents file: " + transport.wrongToken);
  }

  /** Reads the agents file; every problem is one line naming the file, the line and the fix. */
  public static Agents load(Path file) {
    String where = file.toString();
    String text =
        RepositoryFile.named(file)
            .readIfExists(1L << 20, ErrorCode.CONFIG)
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        where + ": no such agents file: check --agents or " + FILE_ENV));
    return parse(where, text);
  }

  static Agents parse(String where, String text) {
    Optional<YamlNode> root;
    try {
      root =
          YamlTree.parse(
              text,
              (key, line, first) -> {
                throw new WardenException(
                    ErrorCode.CONFIG,
                    where
                        + ":"
                        + line
                        + ": '"
                        + key
                        + "' is given twice (first on"
                        + " line "
                        + first
                        + "): keep one");
              });
    } catch (YamlSyntaxException e) {
      throw new WardenException(
          ErrorCode.CONFIG, where + ":" + e.line() + ": not valid YAML: " + e.reason(), e);
    }
    YamlNode.Mapping top =
        mapping(
            where,
            root.orElse(new YamlNode.Null(1)),
            "the file",
            "write agents: followed by a list of agents");
    YamlNode list =
        top.entry("agents")
            .map(YamlNode.Entry::value)
            .orElseThrow(
                () ->
                    problem(
                        where,
                        top.line(),
                        "no 'agents:' key",
                        "write agents: followed by a list of agents (docs/mcp.md)"));
    if (!(list instanceof YamlNode.Sequence seq)) {
      throw problem(
          where,
          list.line(),
          "'agents' is " + list.kindName(),
          "make it a list of agents, each starting with - name:");
    }
    List<Agent> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Set<String> hashes = new LinkedHashSet<>();
    for (YamlNode item : seq.items()) {
      YamlNode.Mapping m = mapping(where, item, "an agent", "give name, token-sha256 and acts-for");
      String name = scalar(where, m, "name", true).orElseThrow();
      if (!NAME.matcher(name).matches()) {
        throw problem(
            where,
            m.line(),
            "agent name '" + name + "' is not a plain name",
            "use lower-case letters, digits, '.', '_' or '-'");
      }
      String hash =
          scalar(where, m, "token-sha256", true).orElseThrow().toLowerCase(java.util.Locale.ROOT);
      if (!HEX64.matcher(hash).matches()) {
        throw problem(
            where,
            m.line(),
            "token-sha256 of agent '" + name + "' is not a SHA-256 in hex",
            "write the output of: printf %s \"$TOKEN\" | sha256sum (never the token itself)");
      }
      if (!names.add(name) || !hashes.add(hash)) {
        throw problem(
            where,
            m.line(),
            "agent '" + name + "' repeats a name or a token of an earlier agent",
            "give each agent its own name and token");
      }
      String actsFor = scalar(where, m, "acts-for", true).orElseThrow();
      Optional<String> team = scalar(where, m, "team", false);
      Set<String> tools = new LinkedHashSet<>();
      m.entry("tools")
          .ifPresent(
              e -> {
                if (!(e.value() instanceof YamlNode.Sequence ts)) {
                  throw problem(
                      where,
                      e.keyLine(),
                      "'tools' is " + e.value().kindName(),
                      "list tool names: tools: [a, b]");
                }
                for (YamlNode t : ts.items()) {
                  String tool = t instanceof YamlNode.Scalar s ? s.text() : "";
                  if (!WardenTools.NAMES.contains(tool)) {
                    throw problem(
                        where,
                        t.line(),
                        "unknown tool '" + tool + "'",
                        "use one of " + WardenTools.NAMES);
                  }
                  tools.add(tool);
                }
              });
      for (String key : m.entries().keySet()) {
        if (!Set.of("name", "token-sha256", "acts-for", "team", "tools", "readonly-query")
            .contains(key)) {
          throw problem(
              where,
              m.entries().get(key).keyLine(),
              "unknown key '" + key + "'",
              "use name, token-sha256, acts-for, team, tools and readonly-query");
        }
      }
      Optional<ReadonlyAccess> readonly =
          m.entry("readonly-query").map(e -> readonly(where, name, e));
      out.add(new Agent(name, hash, actsFor, team, tools, readonly));
    }
    for (String key : top.entries().keySet()) {
      if (!Set.of("agents", "apply").contains(key)) {
        throw problem(
            where,
            top.entries().get(key).keyLine(),
            "unknown key '" + key + "'",
            "use agents and apply (docs/mcp.md)");
      }
    }
    return new Agents(out, top.entry("apply").map(e -> applyTarget(where, e)));
  }

  /** {@code apply: {environment: production, url-env: SHOP_PROD_URL}}. */
  private static ApplyTarget applyTarget(String where, YamlNode.Entry entry) {
    YamlNode.Mapping m = mapping(where, entry.value(), "apply", "give environment and url-env");
    for (String key : m.entries().keySet()) {
      if (!Set.of("environment", "url-env").contains(key)) {
        throw problem(
            where,
            m.entries().get(key).keyLine(),
            "unknown key '" + key + "' in apply",
            "use environment and url-env");
      }
    }
    String env = scalar(where, m, "environment", true).orElseThrow();
    if (!NAME.matcher(env).matches()) {
      throw problem(
          where,
          m.line(),
          "apply environment '" + env + "' is not a plain name",
          "use lower-case letters, digits, '.', '_' or '-' (production)");
    }
    String url = scalar(where, m, "url-env", true).orElseThrow();
    if (!ENV_NAME.matcher(url).matches()) {
      throw problem(
          where,
          m.line(),
          "apply url-env '" + url + "' is not an environment variable name",
          "name the variable of warden's environment holding the JDBC URL (never the URL itself)");
    }
    return new ApplyTarget(env, url, entry.keyLine());
  }

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,99}");
  private static final Pattern SECONDS = Pattern.compile("([1-9][0-9]{0,1})s");

  /** {@code readonly-query: {url-env: NAME, timeout: 5s, max-rows: 500, allow-pii: false}}. */
  private static ReadonlyAccess readonly(String where, String agent, YamlNode.Entry entry) {
    YamlNode.Mapping m =
        mapping(
            where,
            entry.value(),
            "readonly-query of agent '" + agent + "'",
            "give url-env (and optionally timeout and max-rows)");
    for (String key : m.entries().keySet()) {
      if (!Set.of("url-env", "timeout", "max-rows", "allow-pii").contains(key)) {
        throw problem(
            where,
            m.entries().get(key).keyLine(),
            "unknown key '" + key + "' in readonly-query",
            "use url-env, timeout, max-rows and allow-pii");
      }
    }
    String env = scalar(where, m, "url-env", true).orElseThrow();
    if (!ENV_NAME.matcher(env).matches()) {
      throw problem(
          where,
          m.line(),
          "url-env '" + env + "' is not an environment variable name",
          "name the variable holding the read-only role's JDBC URL (never the URL itself)");
    }
    java.time.Duration timeout =
        scalar(where, m, "timeout", false)
            .map(
                t -> {
                  java.util.regex.Matcher x = SECONDS.matcher(t);
                  if (!x.matches() || Integer.parseInt(x.group(1)) > 60) {
                    throw problem(
                        where,
                        m.line(),
                        "timeout '" + t + "' is not between 1s and 60s",
                        "write e.g. timeout: 5s");
                  }
                  return java.time.Duration.ofSeconds(Integer.parseInt(x.group(1)));
                })
            .orElse(ReadonlyAccess.DEFAULT_TIMEOUT);
    int maxRows =
        scalar(where, m, "max-rows", false)
            .map(
                r -> {
                  if (!r.matches("[1-9][0-9]{0,4}") || Integer.parseInt(r) > 10_000) {
                    throw problem(
                        where,
                        m.line(),
                        "max-rows '" + r + "' is not between 1 and 10000",
                        "write e.g. max-rows: 500");
                  }
                  return Integer.parseInt(r);
                })
            .orElse(ReadonlyAccess.DEFAULT_MAX_ROWS);
    boolean allowPii =
        scalar(where, m, "allow-pii", false)
            .map(
                b ->
                    switch (b) {
                      case "true" -> true;
                      case "false" -> false;
                      default ->
                          throw problem(
                              where,
                              m.entries().get("allow-pii").keyLine(),
                              "allow-pii '" + b + "' is not true or false",
                              "write allow-pii: true to show this agent PII columns unmasked");
                    })
            .orElse(false);
    return new ReadonlyAccess(env, timeout, maxRows, allowPii);
  }

  private static YamlNode.Mapping mapping(String where, YamlNode node, String what, String fix) {
    if (node instanceof YamlNode.Mapping m) {
      return m;
    }
    throw problem(where, node.line(), what + " is " + node.kindName(), fix);
  }

  private static Optional<String> scalar(
      String where, YamlNode.Mapping m, String key, boolean required) {
    Optional<YamlNode.Entry> e = m.entry(key);
    if (e.isEmpty() || e.get().value() instanceof YamlNode.Null) {
      if (required) {
        throw problem(where, m.line(), "an agent has no '" + key + "'", "add " + key + ": ...");
      }
      return Optional.empty();
    }
    if (e.get().value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      return Optional.of(s.text().strip());
    }
    throw problem(
        where,
        e.get().keyLine(),
        "'" + key + "' is " + e.get().value().kindName(),
        "give one value");
  }

  private static WardenException problem(String where, int line, String what, String fix) {
    return new WardenException(ErrorCode.CONFIG, where + ":" + line + ": " + what + ": " + fix);
  }
}
