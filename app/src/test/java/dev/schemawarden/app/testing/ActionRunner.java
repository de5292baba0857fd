package dev.schemawarden.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub Actions runner for one composite action, as far as our {@code action.yml} needs one: it evaluates
 * {@code ${{ }}} expressions in {@code with}, {@code env}, {@code if} and {@code run} exactly where the runner does
 * (so an input pasted into a script would run as shell here too), runs each {@code shell: bash} step as a real
 * {@code bash --noprofile --norc -eo pipefail} process with the runner's variables and per-step
 * {@code GITHUB_OUTPUT}, {@code GITHUB_ENV}, {@code GITHUB_PATH} and {@code GITHUB_STEP_SUMMARY} files, and stops at
 * the first failing step. A {@code uses:} step whose {@code if:} holds cannot be simulated and fails the run.
 */
public final class ActionRunner {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern EXPR = Pattern.compile("\\$\\{\\{(.*?)}}");

  private final Path actionDir;
  private final JsonNode action;

  /** The outcome of one run of the action. */
  public record Result(
      int exitCode,
      Map<String, String> outputs,
      String log,
      List<String> stepsRun,
      String summary,
      String jobEnv,
      String jobPath) {}

  public ActionRunner(Path actionDir) {
    this.actionDir = actionDir.toAbsolutePath().normalize();
    try {
      this.action = YAML.readTree(this.actionDir.resolve("action.yml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed action.yml, for tests that check its shape. */
  public JsonNode action() {
    return action;
  }

  /**
   * Runs the action's steps.
   *
   * @param with the workflow's {@code with:} (inputs)
   * @param github the {@code github} context ({@code token}, {@code event_name}, ...)
   * @param env the runner's environment for every step ({@code GITHUB_*}, {@code RUNNER_*}, {@code PATH}, ...)
   * @param workspace {@code GITHUB_WORKSPACE}, each step's working directory
   * @param temp {@code RUNNER_TEMP}: step files go here
   */
  public Result run(
      Map<String, String> with,
      Map<String, String> github,
      Map<String, String> env,
      Path workspace,
      Path temp)
      throws IOException, InterruptedException {
    Map<String, String> ctx = new LinkedHashMap<>();
    github.forEach((k, v) -> ctx.put("github." + k, v));
    ctx.put("github.action_path", actionDir.toString());
    env.forEach((k, v) -> ctx.put("env." + k, v));
    action
        .path("inputs")
        .fields()
        .forEachRemaining(
            e ->
                ctx.put(
                    "inputs." + e.getKey(),
                    with.containsKey(e.getKey())
                        ? with.get(e.getKey())
                        : eval(e.getValue().path("default").asText(""), ctx)));
    with.keySet()
        .forEach(
            k -> {
              if (!action.path("inputs").has(k)) {
                throw new AssertionError(
                    "the workflow passes input '" + k + "' that action.yml does not declare");
              }
            });
    StringBuilder log = new StringBuilder();
    StringBuilder summary = new StringBuilder();
    Map<String, String> jobEnv = new LinkedHashMap<>();
    List<String> jobPath = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    int exit = 0;
    int n = 0;
    for (JsonNode step : action.path("runs").path("steps")) {
      n++;
      String id = step.path("id").asText("step" + n);
      String condition = step.path("if").asText("");
      if (!condition.isEmpty()
          && !truthy(expression(condition.replaceAll("^\\$\\{\\{|}}$", ""), ctx))) {
        continue;
      }
      if (step.has("uses")) {
        throw new AssertionError(
            "step '"
                + id
                + "' would run "
                + step.path("uses").asText()
                + ", which the simulation cannot: the runner already has what it provides");
      }
      ran.add(id);
      Path dir = Files.createDirectories(temp.resolve("step-" + n));
      Path output = Files.createFile(dir.resolve("output"));
      Path envFile = Files.createFile(dir.resolve("env"));
      Path pathFile = Files.createFile(dir.resolve("path"));
      Path summaryFile = Files.createFile(dir.resolve("summary"));
      Path script = dir.resolve("script.sh");
      Files.writeString(script, eval(step.path("run").asText(), ctx), StandardCharsets.UTF_8);
      ProcessBuilder pb =
          new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
              .directory(workspace.toFile())
              .redirectErrorStream(true);
      Map<String, String> penv = pb.environment();
      penv.clear();
      penv.putAll(env);
      penv.putAll(jobEnv);
      if (!jobPath.isEmpty()) {
        penv.put("PATH", String.join(":", jobPath) + ":" + env.getOrDefault("PATH", ""));
      }
      step.path("env")
          .fields()
          .forEachRemaining(e -> penv.put(e.getKey(), eval(e.getValue().asText(), ctx)));
      penv.put("GITHUB_WORKSPACE", workspace.toString());
      penv.put("RUNNER_TEMP", temp.toString());
      penv.put("GITHUB_ACTION_PATH", actionDir.toString());
      penv.put("GITHUB_OUTPUT", output.toString());
      penv.put("GITHUB_ENV", envFile.toString());
      penv.put("GITHUB_PATH", pathFile.toString());
      penv.put("GITHUB_STEP_SUMMARY", summaryFile.toString());
      long started = System.nanoTime();
      Process p = pb.start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("step " + id + " did not end");
      }
      log.append("--- step ")
          .append(id)
          .append(" (")
          .append((System.nanoTime() - started) / 1_000_000)
          .append(" ms)\n")
          .append(text);
      fileCommands(Files.readString(output))
          .forEach((k, v) -> ctx.put("steps." + id + ".outputs." + k, v));
      jobEnv.putAll(fileCommands(Files.readString(envFile)));
      Files.readAllLines(pathFile).stream()
          .filter(l -> !l.isBlank())
          .forEach(l -> jobPath.add(0, l));
      summary.append(Files.readString(summaryFile));
      if (p.exitValue() != 0) {
        exit = p.exitValue();
        break;
      }
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    action
        .path("outputs")
        .fields()
        .forEachRemaining(
            e -> outputs.put(e.getKey(), eval(e.getValue().path("value").asText(""), ctx)));
    return new Result(
        exit,
        outputs,
        log.toString(),
        ran,
        summary.toString(),
        jobEnv.toString(),
        String.join(":", jobPath));
  }

  /** {@code key=value} lines and {@code key<<DELIMITER} blocks, as the runner reads GITHUB_OUTPUT and GITHUB_ENV. */
  static Map<String, String> fileCommands(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int heredoc = line.indexOf("<<");
      int eq = line.indexOf('=');
      if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
        String delimiter = line.substring(heredoc + 2);
        StringBuilder value = new StringBuilder();
        for (i++; i < lines.length && !lines[i].equals(delimiter); i++) {
          value.append(value.length() == 0 ? "" : "\n").append(lines[i]);
        }
        out.put(line.substring(0, heredoc), value.toString());
      } else if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  /** Replaces each {@code ${{ expr }}} in {@code text} with its value. */
  static String eval(String text, Map<String, String> ctx) {
    Matcher m = EXPR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(expression(m.group(1), ctx)));
    }
    return m.appendTail(out).toString();
  }

  private static boolean truthy(String v) {
    return !v.isEmpty() && !v.equals("false") && !v.equals("0");
  }

  /** The subset of the expression language action.yml uses: paths, 'strings', ==, !=, !, &&, ||, parentheses. */
  static String expression(String expr, Map<String, String> ctx) {
    return new Parser(expr.strip(), ctx).or();
  }

  private static final class Parser {
    private final String s;
    private final Map<String, String> ctx;
    private int i;

    Parser(String s, Map<String, String> ctx) {
      this.s = s;
      this.ctx = ctx;
    }

    String or() {
      String v = and();
      while (eat("||")) {
        String r = and();
        v = truthy(v) ? v : r;
      }
      return v;
    }

    String and() {
      String v = cmp();
      while (eat("&&")) {
        String r = cmp();
        v = truthy(v) ? r : v;
      }
      return v;
    }

    String cmp() {
      String v = unary();
      if (eat("==")) {
        return String.valueOf(v.toLowerCase(Locale.ROOT).equals(unary().toLowerCase(Locale.ROOT)));
      }
      if (eat("!=")) {
        return String.valueOf(!v.toLowerCase(Locale.ROOT).equals(unary().toLowerCase(Locale.ROOT)));
      }
      return v;
    }

    String unary() {
      if (eat("!")) {
        return String.valueOf(!truthy(unary()));
      }
      if (eat("(")) {
        String v = or();
        expect(")");
        return v;
      }
      skip();
      if (i < s.length() && s.charAt(i) == '\'') {
        int end = s.indexOf('\'', i + 1);
        String v = s.substring(i + 1, end);
        i = end + 1;
        return v;
      }
      int start = i;
      while (i < s.length()
          && (Character.isLetterOrDigit(s.charAt(i)) || "._-".indexOf(s.charAt(i)) >= 0)) {
        i++;
      }
      if (start == i) {
        throw new AssertionError("cannot parse expression '" + s + "' at " + i);
      }
      String name = s.substring(start, i);
      return switch (name) {
        case "true", "false" -> name;
        default -> ctx.getOrDefault(name, "");
      };
    }

    private boolean eat(String token) {
      skip();
      if (s.startsWith(token, i) && !(token.equals("!") && s.startsWith("!=", i))) {
        i += token.length();
        return true;
      }
      return false;
    }

    private void expect(String token) {
      if (!eat(token)) {
        throw new AssertionError("expected " + token + " in '" + s + "' at " + i);
      }
    }

    private void skip() {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
    }
  }
}
