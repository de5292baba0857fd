package dev.schemawarden.policy.api;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.policy.internal.ContextReader;
import dev.schemawarden.policy.internal.PolicyReader;
import dev.schemawarden.policy.internal.yaml.NodeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Reads policy and context files. A file is either the section of {@code .schemawarden.yml} ({@code policy:} or
 * {@code context:}, a mapping or the relative path of a separate file; the file's other keys belong to the main
 * configuration and are not checked here) or a standalone file whose top level is that section's content.
 * {@code check} returns every problem with its line ({@code warden policy check}); {@code load} fails with all
 * of them at once.
 */
public final class PolicyLoader {
  /** The shipped default policy, used when the repository names none. */
  public static final String DEFAULT_RESOURCE = "/dev/schemawarden/policy/default-policy.yml";

  private PolicyLoader() {}

  /** Every problem of the policy in {@code path} (a file named on the command line); empty when it is valid. */
  public static List<PolicyProblem> check(Path path) {
    return readPolicy(RepositoryFile.named(path), path.toString()).problems;
  }

  /** Every problem of the policy in a repository file; empty when it is valid. */
  public static List<PolicyProblem> check(RepositoryFile file) {
    return readPolicy(file).problems;
  }

  public static List<PolicyProblem> check(String file, String yaml) {
    return parsePolicy(file, yaml, Optional.empty()).problems;
  }

  /** The valid policy in {@code path}, or a {@link WardenException} (CONFIG) listing every problem. */
  public static PolicySet load(Path path) {
    return orThrow(readPolicy(RepositoryFile.named(path), path.toString()));
  }

  /**
   * The valid policy in a repository file, read without leaving the repository (a link outside it, a FIFO or a
   * device is a CONFIG error naming the file), or a {@link WardenException} (CONFIG) listing every problem.
   */
  public static PolicySet load(RepositoryFile file) {
    return orThrow(readPolicy(file));
  }

  public static PolicySet parse(String file, String yaml) {
    return orThrow(parsePolicy(file, yaml, Optional.empty()));
  }

  /** The default policy shipped in this jar ({@code docs/policy.md} explains each rule). */
  public static PolicySet loadDefault() {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new WardenException(
            ErrorCode.INTERNAL, "default policy " + DEFAULT_RESOURCE + " missing from the jar");
      }
      PolicySet set = parse("default", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return new PolicySet("default", set.rules(), set.overrideAuthorized());
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INTERNAL, "cannot read the default policy: " + e.getMessage(), e);
    }
  }

  /** Every problem of the context file in {@code path}. */
  public static List<PolicyProblem> checkContext(Path path) {
    return readSection(
            RepositoryFile.named(path), path.toString(), "context", ContextLoaderHolder.READ)
        .problems;
  }

  public static List<PolicyProblem> checkContext(RepositoryFile file) {
    return readSection(file, "context", ContextLoaderHolder.READ).problems;
  }

  /** The context in {@code path} (without database comments: add them with {@link SchemaContext#withComments}). */
  public static SchemaContext loadContext(Path path) {
    return orThrow(
        readSection(
            RepositoryFile.named(path), path.toString(), "context", ContextLoaderHolder.READ));
  }

  /** The context in a repository file, read without leaving the repository. */
  public static SchemaContext loadContext(RepositoryFile file) {
    return orThrow(readSection(file, "context", ContextLoaderHolder.READ));
  }

  /**
   * The {@code teams:} map of the context in {@code path} ({@code org/team} to lower-case logins): the team
   * directory of local runs ({@code warden review} on a laptop or in CI without host lookups). Empty without one.
   */
  public static java.util.Map<String, java.util.Set<String>> loadTeams(Path path) {
    return orThrow(
        readSection(
            RepositoryFile.named(path), path.toString(), "context", ContextLoaderHolder.TEAMS));
  }

  public static java.util.Map<String, java.util.Set<String>> loadTeams(RepositoryFile file) {
    return orThrow(readSection(file, "context", ContextLoaderHolder.TEAMS));
  }

  public static SchemaContext parseContext(String file, String yaml) {
    return orThrow(parseSection(file, yaml, "context", Optional.empty(), ContextLoaderHolder.READ));
  }

  private static final class ContextLoaderHolder {
    static final BiFunction<String, YamlNode.Mapping, Result<SchemaContext>> READ =
        (file, root) -> {
          ContextReader r = new ContextReader(file);
          SchemaContext ctx = r.read(root);
          return new Result<>(ctx, r.problems());
        };
    static final BiFunction<
            String, YamlNode.Mapping, Result<java.util.Map<String, java.util.Set<String>>>>
        TEAMS =
            (file, root) -> {
              ContextReader r = new ContextReader(file);
              r.read(root);
              return new Result<>(r.teams(), r.problems());
            };
  }

  private record Result<T>(T value, List<PolicyProblem> problems) {}

  private static Result<PolicySet> readPolicy(RepositoryFile path) {
    // Messages name the file as it is in the repository: the checkout may be a temporary directory.
    return readPolicy(path, path.path());
  }

  private static Result<PolicySet> readPolicy(RepositoryFile path, String display) {
    return readSection(
        path,
        display,
        "policy",
        (file, root) -> {
          PolicyReader r = new PolicyReader(file);
          PolicySet set = r.read(root);
          return new Result<>(set, r.problems());
        });
  }

  private static Result<PolicySet> parsePolicy(
      String file, String yaml, Optional<RepositoryFile> dir) {
    return parseSection(
        file,
        yaml,
        "policy",
        dir,
        (f, root) -> {
          PolicyReader r = new PolicyReader(f);
          PolicySet set = r.read(root);
          return new Result<>(set, r.problems());
        });
  }

  private static <T> Result<T> readSection(
      RepositoryFile path, String section, BiFunction<String, YamlNode.Mapping, Result<T>> reader) {
    return readSection(path, path.path(), section, reader);
  }

  private static <T> Result<T> readSection(
      RepositoryFile path,
      String file,
      String section,
      BiFunction<String, YamlNode.Mapping, Result<T>> reader) {
    // Inside the repository only: a policy or context linked outside it, a FIFO or a device is
    // refused (exit 2).
    String text =
        path.readIfExists(MAX_BYTES, ErrorCode.CONFIG)
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        "cannot read "
                            + section
                            + " file "
                            + file
                            + ": no such file; check the path in"
                            + " .schemawarden.yml"));
    return parseSection(file, text, section, Optional.of(path), reader);
  }

  /** The cap on a policy or context file: far above any real one. */
  private static final long MAX_BYTES = 1L << 20;

  private static <T> Result<T> parseSection(
      String file,
      String text,
      String section,
      Optional<RepositoryFile> dir,
      BiFunction<String, YamlNode.Mapping, Result<T>> reader) {
    List<PolicyProblem> problems = new ArrayList<>();
    YamlNode root = NodeReader.parse(file, text, problems::add);
    NodeReader nr = new NodeReader(file);
    Optional<YamlNode.Mapping> map = nr.map(root, "the " + section + " file");
    YamlNode.Mapping body = map.orElse(new YamlNode.Mapping(java.util.Map.of(), 1));
    Optional<YamlNode.Entry> named = body.entry(section);
    if (named.isPresent()) {
      YamlNode v = named.get().value();
      if (v instanceof YamlNode.Scalar s && dir.isPresent()) {
        // policy: policies/prod.yml -> a separate file, relative to this one
        return readSection(dir.get().sibling(s.text().trim()), section, reader);
      }
      body =
          nr.map(v, "'" + section + "'").orElse(new YamlNode.Mapping(java.util.Map.of(), v.line()));
    }
    Result<T> r = reader.apply(file, body);
    problems.addAll(nr.problems());
    problems.addAll(r.problems());
    return new Result<>(
        r.value(),
        problems.stream().sorted(java.util.Comparator.comparingInt(PolicyProblem::line)).toList());
  }

  private static <T> T orThrow(Result<T> r) {
    if (r.problems().isEmpty()) {
      return r.value();
    }
    throw new WardenException(
        ErrorCode.CONFIG,
        r.problems().size()
            + " problem(s):\n"
            + r.problems().stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
  }
}
