package dev.schemawarden.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Builds repositories with real git for the repository cache's tests and benchmark: a base branch with Flyway
 * migrations ({@code V1..V3} create tables) and optional bulk history written with {@code git fast-import} (seconds
 * for hundreds of commits), and pull request branches on top.
 */
public final class MigrationHistory {
  private MigrationHistory() {}

  /** {@code main}: V1 creates orders, V2 customers, V3 products; config, CODEOWNERS and files a review never reads. */
  public static GitFixture shop(GitFixture repo) {
    return repo.write(
            "db/migration/V1__orders.sql",
            "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n")
        .write(
            "db/migration/V2__customers.sql",
            "CREATE TABLE customers (id bigint PRIMARY KEY, name text);\n")
        .write(
            "db/migration/V3__products.sql",
            "CREATE TABLE products (id bigint PRIMARY KEY, sku text);\n")
        .write(".schemawarden.yml", "migrations:\n  locations: [db/migration]\n")
        .write(".github/CODEOWNERS", "db/ @acme/dba\n")
        .write("src/main/java/App.java", "class App {}\n")
        .write("README.md", "# shop\n")
        .commit("base migrations");
  }

  /** A branch {@code name} off {@code main} adding V4, which alters the table V1 created. */
  public static String alterOrders(GitFixture repo, String name) {
    repo.checkout("main")
        .branch(name)
        .write(
            "db/migration/V4__orders_flag.sql",
            "ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false NOT NULL;\n")
        .commit("add flag");
    String sha = repo.git("rev-parse", "HEAD");
    repo.checkout("main");
    return sha;
  }

  /**
   * Appends {@code commits} commits to {@code branch}, each adding {@code dir/<prefix><n>.sql} of about
   * {@code bytes} bytes of SQL that hardly compresses (random base64 literals), through {@code git fast-import}.
   */
  public static void bulk(
      GitFixture repo,
      String branch,
      String dir,
      String prefix,
      int first,
      int commits,
      int bytes) {
    String parent = repo.git("rev-parse", branch);
    Random random = new Random(first * 31L + commits);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = first; i < first + commits; i++) {
      StringBuilder sql =
          new StringBuilder("CREATE TABLE t" + i + " (id bigint PRIMARY KEY, v text);\n");
      while (sql.length() < bytes) {
        sql.append("INSERT INTO t")
            .append(i)
            .append(" VALUES (")
            .append(sql.length())
            .append(", '")
            .append(java.util.Base64.getEncoder().encodeToString(noise(random)))
            .append("');\n");
      }
      byte[] content = sql.toString().getBytes(StandardCharsets.UTF_8);
      String msg = "migration " + i;
      append(
          stream,
          "commit refs/heads/"
              + branch
              + "\ncommitter Test <test@example.com> "
              + (1_700_000_000L + i)
              + " +0000\ndata "
              + msg.length()
              + "\n"
              + msg
              + "\n");
      if (i == first) {
        append(stream, "from " + parent + "\n");
      }
      append(
          stream,
          "M 100644 inline " + dir + "/" + prefix + i + ".sql\ndata " + content.length + "\n");
      stream.writeBytes(content);
      append(stream, "\n");
    }
    run(repo, stream.toByteArray(), "fast-import", "--quiet");
    repo.git("reset", "-q", "--hard");
  }

  private static byte[] noise(Random random) {
    byte[] b = new byte[48];
    random.nextBytes(b);
    return b;
  }

  private static void append(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void run(GitFixture repo, byte[] stdin, String... args) {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git"));
    cmd.addAll(java.util.List.of(args));
    try {
      Process p =
          new ProcessBuilder(cmd).directory(repo.dir().toFile()).redirectErrorStream(true).start();
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
