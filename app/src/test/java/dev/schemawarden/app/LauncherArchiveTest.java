package dev.schemawarden.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./warden} launcher's start-up archive (docs/benchmarks.md): built once, in a private cache, and never in
 * the way of a run. The real script runs the real {@code java} on a stand-in checkout whose jar is a small program
 * that prints its arguments and whether the JVM was given an archive, so a run's stdout can be compared exactly.
 */
class LauncherArchiveTest {
  @TempDir static Path dir;
  static Path root;

  /**
   * Prints its arguments and whether the launcher handed the JVM an archive; exits 3 (the exit code must pass). It
   * stands in for the real main class, under its name: the launcher runs that class from the class path.
   */
  private static final String PROGRAM =
      """
      package dev.schemawarden.app;
      public class Main {
        public static void main(String[] args) {
          boolean archive = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
              .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-XX:AOTCache="));
          System.out.println("args " + String.join("|", args) + "; archive " + archive);
          System.exit(3);
        }
      }
      """;

  @BeforeAll
  static void a_checkout_with_the_launcher_and_a_jar() throws IOException {
    root = dir.resolve("checkout");
    Path launcher = root.resolve("warden");
    Files.createDirectories(root);
    Files.copy(Path.of("..", "warden"), launcher);
    assertThat(launcher.toFile().setExecutable(true))
        .as("the launcher is a script to run")
        .isTrue();
    // What the launcher trains on: the rule fixtures and the examples of a checkout.
    Files.createDirectories(root.resolve("analyzers/src/test/resources/rules/LK101"));
    Files.writeString(
        root.resolve("analyzers/src/test/resources/rules/LK101/bad.sql"), "select 1;\n");
    Files.createDirectories(root.resolve("examples"));
    Path jar = Files.createDirectories(root.resolve("app/target")).resolve("warden.jar");
    writeJar(jar, compile("Main", PROGRAM));
  }

  /** The first run on an empty cache (the one archive build of this class), shared by the tests that need it. */
  private static Run firstRun;

  private static Path trained;

  private static synchronized Path trained() throws Exception {
    if (trained == null) {
      Path cache = dir.resolve("cache-first");
      firstRun = launch(cache, Map.of(), "lint", "a b.sql");
      trained = cache;
    }
    return trained;
  }

  @Test
  void the_first_run_builds_the_archive_in_a_private_cache_and_later_runs_use_it()
      throws Exception {
    Path cache = trained();
    Path archive = onlyArchive(cache);
    long built = Files.getLastModifiedTime(archive).toMillis();

    Run second = launch(cache, Map.of(), "lint", "a b.sql");

    assertThat(firstRun.exit()).as("the program's exit code, as given").isEqualTo(3);
    assertThat(firstRun.out())
        .as("stdout is the program's own, arguments intact")
        .isEqualTo("args lint|a b.sql; archive true\n");
    assertThat(second).as("the second run gives the same output").isEqualTo(firstRun);
    assertThat(Files.getLastModifiedTime(archive).toMillis())
        .as("the archive is reused, not rebuilt")
        .isEqualTo(built);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
        .as("an archive is code the JVM maps: the cache is closed to others")
        .isEqualTo("rwx------");
    // With sharing required, the JVM refuses to start on an archive it cannot use: this one it can.
    String required = archive.toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on";
    assertThat(
            launch(
                cache,
                Map.of(
                    "WARDEN_JAVA_OPTS",
                    "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData " + required),
                "x"))
        .as("the archive is valid for this JVM")
        .isEqualTo(new Run(3, "args x; archive true\n", ""));
  }

  @Test
  void a_cache_that_cannot_be_created_only_means_running_without_an_archive() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

    Run run = launch(file.resolve("cache"), Map.of(), "lint", "x.sql");

    assertThat(run)
        .as("same output and exit code, nothing said about the cache")
        .isEqualTo(new Run(3, "args lint|x.sql; archive false\n", ""));
  }

  @Test
  void a_damaged_archive_never_reaches_stdout() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache-damaged"));
    Path archive = cache.resolve(onlyArchive(trained()).getFileName());
    Files.writeString(
        archive, "not an archive ".repeat(1000)); // newer than the jar, so it is not rebuilt

    Run run = launch(cache, Map.of(), "lint", "x.sql");

    assertThat(run.exit()).as("the program still runs").isEqualTo(3);
    assertThat(run.out())
        .as("whatever the JVM says about the archive goes to stderr, not into the report")
        .isEqualTo("args lint|x.sql; archive true\n");
  }

  @Test
  void a_cache_directory_someone_else_owns_is_not_used() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache-foreign"));
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "giving a directory to another user needs root; this run is not root");
    new ProcessBuilder("chown", "65534", cache.toString()).inheritIO().start().waitFor();
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

    Run run = launch(cache, Map.of(), "x");

    assertThat(run)
        .as("runs without an archive")
        .isEqualTo(new Run(3, "args x; archive false\n", ""));
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files).as("nothing written into a directory another user controls").isEmpty();
    }
  }

  @Test
  void the_launcher_runs_the_main_class_the_jar_names() throws IOException {
    // The launcher names the class itself (-cp, not -jar, saves reading the jar's directory twice):
    // it must stay the one the build writes into the manifest, or every ./warden run fails.
    String launcher = Files.readString(Path.of("..", "warden"));
    java.util.regex.Matcher main =
        java.util.regex.Pattern.compile("(?m)^main=(\\S+)$").matcher(launcher);
    assertThat(main.find()).as("the launcher names its main class on a line main=...").isTrue();
    assertThat(main.group(1))
        .as("the launcher's main class is the composition root")
        .isEqualTo(Main.class.getName());
    assertThat(Files.readString(Path.of("pom.xml")))
        .as("the jar's manifest names the same class")
        .contains("<mainClass>" + main.group(1) + "</mainClass>");
    assertThat(launcher.lines().filter(l -> !l.strip().startsWith("#")))
        .as("no java command goes through -jar (a second read of the jar's directory)")
        .noneMatch(l -> l.contains("-jar "));
  }

  record Run(int exit, String out, String err) {}

  private static Run launch(Path cache, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(root.resolve("warden").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("WARDEN_CACHE_DIR", cache.toString());
    pb.environment().remove("WARDEN_JAVA_OPTS");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = p.waitFor();
    return new Run(exit, Files.readString(out), Files.readString(err));
  }

  private static Path onlyArchive(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      List<Path> all = files.toList();
      assertThat(all).as("one archive and no temporary file left behind").hasSize(1);
      assertThat(all.get(0).getFileName().toString()).matches("warden-\\d+\\.(jsa|aot)");
      return all.get(0);
    }
  }

  private static byte[] compile(String name, String source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    var files =
        new javax.tools.ForwardingJavaFileManager<>(
            javac.getStandardFileManager(null, null, null)) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location,
              String className,
              JavaFileObject.Kind kind,
              javax.tools.FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
              @Override
              public OutputStream openOutputStream() {
                return bytes;
              }
            };
          }
        };
    JavaFileObject unit =
        new SimpleJavaFileObject(
            URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    assertThat(
            javac
                .getTask(null, files, null, List.of("--release", "17"), null, List.of(unit))
                .call())
        .as("the stand-in program compiles")
        .isTrue();
    return bytes.toByteArray();
  }

  private static void writeJar(Path jar, byte[] echoClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry(Main.class.getName().replace('.', '/') + ".class"));
      out.write(echoClass);
      out.closeEntry();
    }
  }
}
