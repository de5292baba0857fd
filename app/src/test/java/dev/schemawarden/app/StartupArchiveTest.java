package dev.schemawarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archive the {@code ./warden} launcher makes (class list, then {@code -Xshare:dump}) holds every class
 * a run of ours loads, picocli's included. picocli's class files are Java 5: a lambda or method reference on one of
 * its types in the start-up path gets linked while the archive is made, and a linked old class cannot be archived,
 * so picocli's largest class was read from the jar and verified the old way on every run (docs/benchmarks.md).
 */
class StartupArchiveTest {
  @TempDir Path dir;

  @Test
  void the_archive_of_a_short_run_leaves_out_none_of_our_or_picoclis_classes() throws Exception {
    String classpath = jarsOnly(dir);
    Path classes = dir.resolve("warden.classes");
    run(
        List.of(
            "-XX:DumpLoadedClassList=" + classes,
            "-cp",
            classpath,
            Main.class.getName(),
            "version"));
    assertThat(Files.readString(classes))
        .as("the class list names picocli's main class")
        .containsPattern("(?m)^picocli/CommandLine( |$)");

    String dump =
        run(
            List.of(
                "-Xshare:dump",
                "-XX:SharedClassListFile=" + classes,
                "-XX:SharedArchiveFile=" + dir.resolve("warden.jsa"),
                "-Xlog:cds=warning",
                "-cp",
                classpath));

    assertThat(
            dump.lines()
                .filter(
                    l ->
                        l.contains("Skipping")
                            && (l.contains("picocli/") || l.contains("dev/schemawarden/"))))
        .as(
            "no class of ours or picocli's is skipped (\"Old class has been linked\": a lambda on a picocli type)")
        .isEmpty();
  }

  /** The test's class path with each directory (our modules' classes) made a jar: an archive takes jars only. */
  private static String jarsOnly(Path into) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (path.endsWith("test-classes")) {
        continue; // tests' resources (a logback-test.xml) are not what a user runs
      }
      if (Files.isDirectory(path)) {
        Path jar = into.resolve("classes-" + n++ + ".jar");
        jar(path, jar);
        entries.add(jar.toString());
      } else if (Files.isRegularFile(path)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void jar(Path from, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(
            new JarEntry(from.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }

  /** Runs the JVM of this test with the short-run options the launcher uses; returns stdout and stderr together. */
  private String run(List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData"));
    command.addAll(args);
    Path output = Files.createTempFile(dir, "java", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    assertThat(p.waitFor()).as("java %s", args).isZero();
    return Files.readString(output);
  }
}
