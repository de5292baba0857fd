package dev.schemawarden.app.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.GitHttpServer;
import dev.schemawarden.app.testing.MigrationHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pull request's tree is hostile: links out, deep and long paths, huge files. None escapes the tree directory. */
class HostileTreeCacheTest {
  @TempDir Path tmp;
  GitHttpServer server;
  GitFixture origin;
  String base;
  String head;

  @BeforeEach
  void repository() throws Exception {
    origin = MigrationHistory.shop(new GitFixture(tmp.resolve("served/acme/shop.git")));
    base = origin.git("rev-parse", "main");
    origin.branch("evil");
    Files.createSymbolicLink(
        origin.dir().resolve("db/migration/V5__passwd.sql"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(
        origin.dir().resolve("db/migration/V6__same.sql"), Path.of("V1__orders.sql"));
    origin.write("deep/" + "d/".repeat(60) + "V9__deep.sql", "SELECT 1;\n");
    origin.write("long/" + ("x".repeat(200) + "/").repeat(6) + "V10__long.sql", "SELECT 1;\n");
    byte[] huge = new byte[17 << 20];
    new java.util.Random(1).nextBytes(huge);
    Files.write(origin.dir().resolve("db/migration/V7__huge.sql"), huge);
    origin.commit("hostile");
    head = origin.git("rev-parse", "HEAD");
    server = new GitHttpServer(tmp.resolve("served")).serve(origin);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  RepositoryCache cache(RepositoryCacheSettings settings) {
    return new RepositoryCache(settings, Map.of("PATH", System.getenv("PATH")), c -> {});
  }

  GitRemote remote() {
    return GitRemote.github(
        "acme/shop", Optional.empty(), Optional.of(server.baseUrl()), Optional.empty());
  }

  @Test
  void links_stay_links_deep_paths_are_written_and_huge_or_overlong_ones_are_left_out_by_name()
      throws Exception {
    RepositoryCacheSettings settings = RepositoryCacheSettings.defaults(tmp.resolve("cache"));
    try (CachedCheckout co = cache(settings).checkout(CheckoutRequest.of(remote(), base, head))) {
      Path link = co.head().resolve("db/migration/V5__passwd.sql");
      assertThat(Files.isSymbolicLink(link))
          .as("written as a link, never as the target's content")
          .isTrue();
      assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/etc/passwd"));
      assertThat(RepositoryFiles.lookup(co.head(), "db/migration/V5__passwd.sql"))
          .as("the one reader refuses it")
          .isNotInstanceOf(RepositoryFiles.Found.class);
      assertThat(RepositoryFiles.lookup(co.head(), "db/migration/V6__same.sql"))
          .as("a link inside the tree is followed")
          .isInstanceOf(RepositoryFiles.Found.class);

      assertThat(co.head().resolve("deep/" + "d/".repeat(60) + "V9__deep.sql"))
          .as("deep but sane")
          .exists();
      assertThat(co.omitted())
          .as("over 1024 bytes: left out with the reason")
          .anySatisfy(o -> assertThat(o.path()).endsWith("V10__long.sql"));

      Path huge = co.head().resolve("db/migration/V7__huge.sql");
      assertThat(Files.size(huge)).as("a placeholder of the real size").isEqualTo(17L << 20);
      assertThat(Files.readAllBytes(huge)).as("holding none of the content").containsOnly((byte) 0);
      assertThat(co.omitted())
          .anySatisfy(
              o -> {
                assertThat(o.path()).isEqualTo("db/migration/V7__huge.sql");
                assertThat(o.reason()).contains("WARDEN_REPO_MAX_FILE_MB");
              });
      RepositoryFiles.Found found =
          (RepositoryFiles.Found) RepositoryFiles.lookup(co.head(), "db/migration/V7__huge.sql");
      assertThatThrownBy(
              () ->
                  RepositoryFiles.bytes(
                      found,
                      RepositoryFiles.DEFAULT_MAX_BYTES,
                      dev.schemawarden.analyzers.api.ErrorCode.INPUT))
          .as("the review refuses it by size, as in a real checkout")
          .hasMessageContaining("larger than");

      try (var all = Files.walk(co.head().getParent())) {
        assertThat(
                all.filter(p -> !Files.isSymbolicLink(p)).map(p -> p.toAbsolutePath().normalize()))
            .as("nothing written outside the tree")
            .allMatch(p -> p.startsWith(co.head().getParent()));
      }
    }
  }

  @Test
  void a_tree_over_the_file_count_cap_fails_naming_the_setting() {
    RepositoryCacheSettings settings =
        RepositoryCacheSettings.defaults(tmp.resolve("cache")).withLimits(16 << 20, 512L << 20, 3);
    assertThatThrownBy(() -> cache(settings).checkout(CheckoutRequest.of(remote(), base, head)))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("WARDEN_REPO_MAX_TREE_FILES")
        .hasMessageContaining("acme/shop");
  }

  @Test
  void path_checks_refuse_traversal_absolute_and_git_components() {
    assertThat(TreeMaterialiser.pathProblem("db/../../etc/passwd")).isNotEmpty();
    assertThat(TreeMaterialiser.pathProblem("/etc/passwd")).isNotEmpty();
    assertThat(TreeMaterialiser.pathProblem("sub/.GIT/hooks/post-checkout")).isNotEmpty();
    assertThat(TreeMaterialiser.pathProblem("db//x.sql")).isNotEmpty();
    assertThat(TreeMaterialiser.pathProblem("db/migration/V1__a.sql")).isEmpty();
  }

  @Test
  void a_payload_sha_that_is_not_a_commit_id_never_reaches_git() {
    assertThatThrownBy(() -> CheckoutRequest.of(remote(), "--upload-pack=touch /tmp/pwned", head))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("not a full lower-case commit id");
    assertThatThrownBy(
            () ->
                new CheckoutRequest(
                    remote(),
                    base,
                    head,
                    java.util.OptionalInt.of(1),
                    Optional.of("main:refs/heads/x")))
        .isInstanceOf(WardenException.class);
  }
}
