package dev.schemawarden.bench;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the static path on one thread: split + classify (+ predict locks) every statement of a generated
 * corpus. Each benchmark method processes the whole corpus; JMH reports ops/s, and the printed corpus size turns
 * that into statements per second (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class StaticAnalysisBenchmark {
  /** The engine's opt-in switch (docs/architecture.md, "Why JSqlParser is not on the hot path"). */
  static final String PROBE = "schemawarden.jsqlparser";

  private List<String> files;
  private List<String> statements;
  private SqlParser parser;
  private final ServerVersion version = ServerVersion.DEFAULT_POSTGRES;
  private DatabaseEngine engine;
  private Linter linter;

  @Setup(Level.Trial)
  public void setUp() {
    files = new MigrationCorpus(42).files(200, 50);
    // The engine as the CLI finds it; the JSqlParser probe is on only in the fork that asks for it
    // (below).
    engine = Engines.forName("postgres");
    parser = engine.parser();
    linter = Linter.builtIn(engine, LintSettings.defaults());
    statements =
        files.stream()
            .flatMap(f -> parser.parse("f.sql", f).statements().stream())
            .map(SqlStatement::sql)
            .toList();
    System.out.println(
        "\ncorpus: "
            + files.size()
            + " files, "
            + statements.size()
            + " statements, engine "
            + engine.id()
            + (Boolean.getBoolean(PROBE) ? " with the JSqlParser probe" : ""));
  }

  /** The default static path: splitter + token classifier + lock prediction. */
  @Benchmark
  public void parseClassifyPredict(Blackhole bh) {
    for (String f : files) {
      for (SqlStatement st : parser.parse("f.sql", f).statements()) {
        List<PredictedLock> locks = engine.predictLocks(st.change(), version);
        bh.consume(locks);
      }
    }
  }

  /**
   * The whole static review of one file at a time, as {@code warden lint} runs it on one thread: parse, classify,
   * and every built-in lint rule (the runner derives transaction facts and predicted locks itself).
   */
  @Benchmark
  public void parseAndLint(Blackhole bh) {
    for (String f : files) {
      SqlParser.ParsedSql parsed = parser.parse("V1__f.sql", f);
      Migration m =
          new Migration(
              "V1__f.sql",
              MigrationTool.FLYWAY,
              Migration.Kind.VERSIONED,
              Optional.empty(),
              "f",
              true,
              parsed.statements(),
              parsed.comments());
      bh.consume(linter.lint(List.of(m)));
    }
  }

  /**
   * As above, with JSqlParser asked about every statement (to record parsedBy): its own fork runs with the switch a
   * user sets, so the engine comes through the public API as everywhere else.
   */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-D" + PROBE + "=true")
  public void parseClassifyWithJSqlParserProbe(Blackhole bh) {
    for (String f : files) {
      bh.consume(parser.parse("f.sql", f));
    }
  }

  /** JSqlParser alone through CCJSqlParserUtil.parse(String), which runs each parse on an executor thread. */
  @Benchmark
  public void jsqlParserUtilParse(Blackhole bh) {
    for (String s : statements) {
      try {
        bh.consume(CCJSqlParserUtil.parse(s));
      } catch (Exception e) {
        bh.consume(e);
      }
    }
  }
}
