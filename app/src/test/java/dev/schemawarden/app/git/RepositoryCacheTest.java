package dev.schemawarden.app.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.GitHttpServer;
import dev.schemawarden.app.testing.LogCapture;
import dev.schemawarden.app.testing.MigrationHistory;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository cache against real repositories served by {@code git http-backend} over HTTP. */
class RepositoryCacheTest {
  static final String TOKEN = "ghs_s3cr3tT0kenValue1234567890";

  @TempDir Path tmp;
  GitHttpServer server;
  GitFixture origin;
  String base;
  String head;
  final List<List<String>> commands = new CopyOnWriteArrayList<>();

  @BeforeEach
  void repository() {
    origin = MigrationHistory.shop(new GitFixture(tmp.resolve("served/acme/shop.git")));
    // a few MB of history, so a full fetch and an incremental one differ clearly
    MigrationHistory.bulk(origin, "main", "db/seed", "S", 1, 50, 60_000);
    base = origin.git("rev-parse", "main");
    head = MigrationHistory.alterOrders(origin, "pr-1");
    server = new GitHttpServer(tmp.resolve("served")).serve(origin);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  RepositoryCache cache(RepositoryCacheSettings settings) {
    return new RepositoryCache(
        settings,
        Map.of("PATH", System.getenv("PATH"), "GITHUB_TOKEN", "inherited-secret"),
        commands::add);
  }

  RepositoryCache cache() {
    return cache(RepositoryCacheSettings.defaults(tmp.resolve("cache")));
  }

  GitRemote remote() {
    return GitRemote.github(
        "acme/shop", Optional.empty(), Optional.of(server.baseUrl()), Optional.empty());
  }

  long clones() {
    return commands.stream().filter(c -> c.contains("clone")).count();
  }

  @Test
  void first_materialisation_clones_and_writes_both_trees_with_only_the_files_a_review_reads() {
    try (CachedCheckout co = cache().checkout(CheckoutRequest.of(remote(), base, head))) {
      assertThat(co.base().resolve("db/migration/V1__orders.sql")).as("base migrations").exists();
      assertThat(co.base().resolve("db/migration/V4__orders_flag.sql"))
          .as("V4 is only on the head")
          .doesNotExist();
      assertThat(co.head().resolve("db/migration/V4__orders_flag.sql"))
          .as("the change")
          .hasContent("ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false NOT NULL;");
      assertThat(co.head().resolve("db/migration/V1__orders.sql"))
          .as("the history the replica replays")
          .exists();
      assertThat(co.head().resolve(".schemawarden.yml")).exists();
      assertThat(co.head().resolve(".github/CODEOWNERS")).exists();
      assertThat(co.head().resolve("db/seed/S50.sql")).exists();
      assertThat(co.head().resolve("src/main/java/App.java"))
          .as("not read by a review: never fetched")
          .doesNotExist();
      assertThat(co.head().resolve("README.md")).doesNotExist();
      assertThat(co.omitted()).isEmpty();
      assertThat(clones()).isEqualTo(1);
    }
    assertThat(tmp.resolve("cache")).isDirectory();
  }

  @Test
  void a_second_event_on_the_same_repository_fetches_only_the_new_objects() {
    RepositoryCache cache = cache();
    cache.checkout(CheckoutRequest.of(remote(), base, head)).close();
    long first = server.bytesServed();
    origin
        .checkout("pr-1")
        .write("db/migration/V5__orders_note.sql", "ALTER TABLE orders ADD COLUMN note text;\n")
        .commit("note")
        .checkout("main");
    String newHead = origin.git("rev-parse", "pr-1");
    try (CachedCheckout co = cache.checkout(CheckoutRequest.of(remote(), base, newHead))) {
      long second = server.bytesServed() - first;
      assertThat(co.head().resolve("db/migration/V5__orders_note.sql")).exists();
      assertThat(first)
          .as("the first fetch carries the history's migrations")
          .isGreaterThan(1_500_000);
      assertThat(second)
          .as(
              "the second fetches one commit, its trees and one blob: %d of %d bytes",
              second, first)
          .isLessThan(first / 50);
      assertThat(clones()).as("no second clone").isEqualTo(1);
    }
  }

  @Test
  void a_pack_truncated_midway_is_detected_and_cloned_again() throws Exception {
    RepositoryCache cache = cache();
    cache.checkout(CheckoutRequest.of(remote(), base, head)).close();
    Path packs = cache.slot(remote()).resolve("repo.git/objects/pack");
    try (Stream<Path> s = Files.list(packs)) {
      for (Path pack : s.filter(p -> p.toString().endsWith(".pack")).toList()) {
        pack.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
          f.setLength(f.length() / 2);
        }
      }
    }
    try (LogCapture logs = new LogCapture();
        CachedCheckout co = cache.checkout(CheckoutRequest.of(remote(), base, head))) {
      assertThat(co.head().resolve("db/seed/S50.sql")).as("whole again").exists();
      assertThat(clones()).as("the corrupt clone is replaced, not reused").isEqualTo(2);
      assertThat(logs.lines()).anyMatch(l -> l.contains("does not match its index"));
    }
  }

  @Test
  void
      a_clone_interrupted_before_its_marker_is_cloned_again_and_missing_objects_are_caught_by_fsck()
          throws Exception {
    RepositoryCache cache = cache();
    cache.checkout(CheckoutRequest.of(remote(), base, head)).close();
    Path slot = cache.slot(remote());
    Files.delete(slot.resolve("complete"));
    cache.checkout(CheckoutRequest.of(remote(), base, head)).close();
    assertThat(clones()).as("no marker: the clone may be half-written").isEqualTo(2);

    // the pack that holds the commits and trees goes missing entirely (its index too): fsck notices
    try (Stream<Path> s = Files.list(slot.resolve("repo.git/objects/pack"))) {
      Path biggestIdx =
          s.filter(p -> p.toString().endsWith(".idx"))
              .filter(p -> Files.exists(Path.of(p.toString().replace(".idx", ".promisor"))))
              .max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
      Files.delete(biggestIdx);
      Files.delete(Path.of(biggestIdx.toString().replace(".idx", ".pack")));
    }
    try (CachedCheckout co = cache.checkout(CheckoutRequest.of(remote(), base, head))) {
      assertThat(co.head().resolve("db/migration/V4__orders_flag.sql")).exists();
    }
  }

  @Test
  void concurrent_materialisations_of_one_repository_all_succeed_with_one_clone() throws Exception {
    RepositoryCache cache = cache();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Boolean>> results =
          pool.invokeAll(
              List.of(1, 2, 3).stream()
                  .<java.util.concurrent.Callable<Boolean>>map(
                      i ->
                          () -> {
                            try (CachedCheckout co =
                                cache.checkout(CheckoutRequest.of(remote(), base, head))) {
                              return Files.exists(
                                  co.head().resolve("db/migration/V4__orders_flag.sql"));
                            }
                          })
                  .toList());
      for (Future<Boolean> r : results) {
        assertThat(r.get()).as("every thread got its trees").isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(clones()).as("one clone, the others wait for the lock and reuse it").isEqualTo(1);
  }

  @Test
  void trees_are_deleted_on_close() {
    CachedCheckout co = cache().checkout(CheckoutRequest.of(remote(), base, head));
    Path root = co.head().getParent();
    co.close();
    assertThat(root).doesNotExist();
  }

  @Test
  void least_recently_used_repositories_not_in_use_are_evicted_past_the_cap() throws Exception {
    GitFixture other = MigrationHistory.shop(new GitFixture(tmp.resolve("served/acme/other.git")));
    server.serve(other);
    GitRemote otherRemote =
        GitRemote.github(
            "acme/other", Optional.empty(), Optional.of(server.baseUrl()), Optional.empty());
    String otherSha = other.git("rev-parse", "HEAD");
    RepositoryCache cache =
        cache(RepositoryCacheSettings.defaults(tmp.resolve("cache")).withMaxCacheBytes(1));
    cache.checkout(CheckoutRequest.of(remote(), base, head)).close();
    Path shop = cache.slot(remote());

    // in use (its lock held): kept even though the cache is over its cap
    try (FileChannel ch = FileChannel.open(shop.resolve("lock"), StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      cache.checkout(CheckoutRequest.of(otherRemote, otherSha, otherSha)).close();
      assertThat(shop.resolve("complete")).as("a repository in use is never evicted").exists();
    }
    cache.checkout(CheckoutRequest.of(otherRemote, otherSha, otherSha)).close();
    assertThat(shop.resolve("repo.git"))
        .as("least recently used, not in use: evicted")
        .doesNotExist();
    assertThat(cache.slot(otherRemote).resolve("complete")).as("the one just used stays").exists();
  }

  @Nested
  class Credentials {
    @Test
    void the_token_travels_in_the_environment_only_never_in_commands_config_logs_or_errors()
        throws Exception {
      server.requireToken(TOKEN);
      String withToken =
          server.url("acme/shop.git").replace("http://", "http://x-access-token:" + TOKEN + "@");
      GitRemote remote =
          GitRemote.github("acme/shop", Optional.of(withToken), Optional.empty(), Optional.empty());
      RepositoryCache cache = cache();
      try (LogCapture logs = new LogCapture()) {
        cache.checkout(CheckoutRequest.of(remote, base, head)).close();
        String missing = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> cache.checkout(CheckoutRequest.of(remote, base, missing)))
            .isInstanceOf(WardenException.class)
            .satisfies(
                e ->
                    assertThat(e.getMessage())
                        .as("no token in the error")
                        .doesNotContain(TOKEN)
                        .contains(missing));
        GitRemote wrong =
            GitRemote.github(
                "acme/shop",
                Optional.of(server.url("acme/shop.git")),
                Optional.empty(),
                Optional.of("wrong-" + TOKEN));
        assertThatThrownBy(
                () ->
                    cache.checkout(
                        CheckoutRequest.of(
                            wrong, base, "1111111111111111111111111111111111111111")))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        assertThat(String.join("\n", logs.lines())).as("logs").doesNotContain(TOKEN);
      }
      assertThat(server.requests())
          .as("the token was sent (the server refuses requests without it)")
          .anyMatch(r -> r.status() == 200 && r.authorization().startsWith("Basic "));
      String encoded =
          java.util.Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes());
      assertThat(commands)
          .as("git command lines")
          .noneMatch(
              c -> String.join(" ", c).contains(TOKEN) || String.join(" ", c).contains(encoded));
      Path slot = cache.slot(remote);
      try (Stream<Path> files = Files.walk(slot)) {
        for (Path f :
            files
                .filter(Files::isRegularFile)
                .filter(p -> !p.toString().contains("/objects/"))
                .toList()) {
          assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1))
              .as("%s", f)
              .doesNotContain(TOKEN)
              .doesNotContain(encoded);
        }
      }
    }

    @Test
    void git_children_get_a_minimal_environment() {
      Map<String, String> env =
          GitEnvironment.of(
              Map.of(
                  "PATH",
                  "/usr/bin",
                  "GITHUB_TOKEN",
                  "inherited",
                  "WARDEN_GITHUB_PRIVATE_KEY",
                  "pem",
                  "https_proxy",
                  "http://proxy:3128"),
              tmp,
              Optional.of(GitCredentials.gitlab("glpat-x")));
      assertThat(env)
          .as("nothing of the service's secrets")
          .doesNotContainKeys("GITHUB_TOKEN", "WARDEN_GITHUB_PRIVATE_KEY")
          .containsEntry("https_proxy", "http://proxy:3128")
          .containsEntry("GIT_TERMINAL_PROMPT", "0")
          .containsEntry("GIT_CONFIG_NOSYSTEM", "1");
      assertThat(env.values())
          .as("GitLab authenticates as oauth2")
          .contains(
              "Authorization: Basic "
                  + java.util.Base64.getEncoder().encodeToString("oauth2:glpat-x".getBytes()));
    }
  }
}
