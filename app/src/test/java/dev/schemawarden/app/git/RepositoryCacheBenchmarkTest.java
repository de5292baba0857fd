package dev.schemawarden.app.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.GitHttpServer;
import dev.schemawarden.app.testing.MigrationHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First materialisation (clone + both trees) against the next (incremental fetch + both trees) on a repository of 500
 * migrations served by {@code git http-backend}. Run: {@code mvn -B -o -pl app -am test
 * -Dtest=RepositoryCacheBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dwarden.excludedGroups=none}.
 * Numbers go to docs/benchmarks.md.
 */
@Tag("bench")
class RepositoryCacheBenchmarkTest {
  @TempDir Path tmp;

  @Test
  void first_and_next_materialisation_of_a_500_migration_repository() throws Exception {
    GitFixture origin = MigrationHistory.shop(new GitFixture(tmp.resolve("served/acme/big.git")));
    // 3 + 497 migrations of ~4 KB each, one commit each, plus 200 source files a review never reads
    MigrationHistory.bulk(origin, "main", "db/migration", "V", 4, 497, 4_000);
    for (int i = 0; i < 200; i++) {
      origin.write("src/main/java/C" + i + ".java", "class C" + i + " {}\n".repeat(200));
    }
    origin.commit("sources");
    String base = origin.git("rev-parse", "main");
    String head1 = pr(origin, "pr-1", 501);
    try (GitHttpServer server = new GitHttpServer(tmp.resolve("served")).serve(origin)) {
      GitRemote remote =
          GitRemote.github(
              "acme/big", Optional.empty(), Optional.of(server.baseUrl()), Optional.empty());
      RepositoryCache cache =
          new RepositoryCache(
              RepositoryCacheSettings.defaults(tmp.resolve("cache")),
              Map.of("PATH", System.getenv("PATH")),
              c -> {});
      long t0 = System.nanoTime();
      try (CachedCheckout co = cache.checkout(CheckoutRequest.of(remote, base, head1))) {
        assertThat(co.head().resolve("db/migration/V501__pr.sql")).exists();
      }
      long first = System.nanoTime() - t0;
      long firstBytes = server.bytesServed();
      int firstRequests = server.requests().size();
      // the next event: a pull request pushed after the first review, so its objects are new to the
      // cache
      String head2 = pr(origin, "pr-2", 502);
      long t1 = System.nanoTime();
      try (CachedCheckout co = cache.checkout(CheckoutRequest.of(remote, base, head2))) {
        assertThat(co.head().resolve("db/migration/V502__pr.sql")).exists();
        try (var files = Files.walk(co.head())) {
          System.out.println(
              "BENCH files in head tree: " + files.filter(Files::isRegularFile).count());
        }
      }
      long next = System.nanoTime() - t1;
      System.out.printf(
          "BENCH first: %d ms, %d bytes, %d requests%n",
          first / 1_000_000, firstBytes, firstRequests);
      System.out.printf(
          "BENCH next: %d ms, %d bytes, %d requests%n",
          next / 1_000_000,
          server.bytesServed() - firstBytes,
          server.requests().size() - firstRequests);
      System.out.printf("BENCH cache size: %d bytes%n", RepositoryCache.size(cache.slot(remote)));
    }
  }

  private static String pr(GitFixture origin, String branch, int version) {
    origin
        .checkout("main")
        .branch(branch)
        .write(
            "db/migration/V" + version + "__pr.sql",
            "ALTER TABLE orders ADD COLUMN c" + version + " int;\n")
        .commit("pr " + version);
    String sha = origin.git("rev-parse", "HEAD");
    origin.checkout("main");
    return sha;
  }
}
