package dev.schemawarden.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the generated migration corpus as Flyway scripts ({@code V<n>__generated.sql}) for whole-process
 * benchmarks of {@code warden lint}: {@code WriteCorpus DIR [FILES] [STATEMENTS_PER_FILE]}.
 */
public final class WriteCorpus {
  private WriteCorpus() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: WriteCorpus DIR [FILES=1000] [STATEMENTS_PER_FILE=10]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int perFile = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Files.createDirectories(dir);
    List<String> texts = new MigrationCorpus(42).files(files, perFile);
    for (int i = 0; i < texts.size(); i++) {
      Files.writeString(
          dir.resolve("V" + (i + 1) + "__generated.sql"), texts.get(i), StandardCharsets.UTF_8);
    }
    System.out.println("wrote " + texts.size() + " files to " + dir);
  }
}
