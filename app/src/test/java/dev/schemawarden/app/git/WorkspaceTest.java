package dev.schemawarden.app.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir Path tmp;

  private GitFixture repoWithFeatureBranch() {
    GitFixture g =
        new GitFixture(tmp.resolve("repo"))
            .write("db/migration/V1__a.sql", "create table a (id int);\n")
            .write("db/migration/V2__b.sql", "create table b (id int);\n")
            .write("README.md", "x\n")
            .commit("base")
            .branch("feature")
            .write("db/migration/V2__b.sql", "create table b (id bigint);\n")
            .write("db/migration/V3__c.sql", "create table c (id int);\n")
            .commit("feature");
    g.git("mv", "db/migration/V1__a.sql", "db/migration/V1__a_renamed.sql");
    g.commit("rename");
    return g;
  }

  @Nested
  class from_git {
    @Test
    void lists_added_modified_and_renamed_files_since_the_merge_base() {
      GitFixture g = repoWithFeatureBranch();
      // main moves on after the branch: its new file is not part of the change (three-dot
      // semantics).
      g.checkout("main")
          .write("db/migration/V9__main_only.sql", "select 1;\n")
          .commit("main moves")
          .checkout("feature");

      try (Workspace ws = Workspace.fromGit(g.dir(), "main", "HEAD")) {
        assertThat(ws.changedFiles())
            .containsExactlyInAnyOrder(
                new ChangedFile(
                    "db/migration/V2__b.sql", ChangedFile.Status.MODIFIED, Optional.empty()),
                new ChangedFile(
                    "db/migration/V3__c.sql", ChangedFile.Status.ADDED, Optional.empty()),
                new ChangedFile(
                    "db/migration/V1__a_renamed.sql",
                    ChangedFile.Status.RENAMED,
                    Optional.of("db/migration/V1__a.sql")));
        assertThat(ws.headRoot())
            .as("clean working tree at HEAD is used as it is")
            .isEqualTo(g.dir());
        assertThat(ws.target().baseSha()).isEqualTo(g.git("rev-parse", "main"));
        assertThat(ws.target().headSha()).isEqualTo(g.git("rev-parse", "HEAD"));
        assertThat(ws.baseRoot().resolve("db/migration/V2__b.sql"))
            .as("the base tree is the merge base, materialised")
            .hasContent("create table b (id int);");
        assertThat(ws.baseRoot().resolve("db/migration/V9__main_only.sql")).doesNotExist();
      }
    }

    @Test
    void materialises_a_head_that_is_not_checked_out_without_touching_the_repository() {
      GitFixture g = repoWithFeatureBranch();
      g.checkout("main");
      Path head;
      try (Workspace ws = Workspace.fromGit(g.dir(), "main", "feature")) {
        head = ws.headRoot();
        assertThat(head).isNotEqualTo(g.dir());
        assertThat(head.resolve("db/migration/V3__c.sql")).hasContent("create table c (id int);");
        assertThat(g.git("status", "--porcelain")).as("user's index and tree untouched").isEmpty();
        assertThat(g.git("worktree", "list")).doesNotContain(head.toString());
      }
      assertThat(head).as("temporary checkout deleted on close").doesNotExist();
    }

    @Test
    void a_materialised_head_keeps_a_link_blob_a_link_that_stays_refused_when_it_leaves_the_tree()
        throws Exception {
      Path outside = Files.writeString(tmp.resolve("secret.sql"), "select 'secret';\n");
      GitFixture g = repoWithFeatureBranch();
      Files.createSymbolicLink(g.dir().resolve("db/migration/V4__out.sql"), outside);
      Files.createSymbolicLink(g.dir().resolve("db/migration/V5__in.sql"), Path.of("V3__c.sql"));
      Files.createSymbolicLink(
          g.dir().resolve("db/migration/V6__up.sql"), Path.of("../../../secret.sql"));
      g.commit("links").checkout("main");

      try (Workspace ws = Workspace.fromGit(g.dir(), "main", "feature")) {
        Path head = ws.headRoot();
        assertThat(head).as("a temporary tree").isNotEqualTo(g.dir());
        assertThat(Files.isSymbolicLink(head.resolve("db/migration/V4__out.sql")))
            .as("no copy of the target")
            .isTrue();
        assertThat(RepositoryFiles.lookup(head, "db/migration/V4__out.sql"))
            .isInstanceOf(RepositoryFiles.Refused.class);
        assertThat(RepositoryFiles.lookup(head, "db/migration/V6__up.sql"))
            .as("a relative link out of the temporary tree")
            .isInstanceOf(RepositoryFiles.Refused.class);
        assertThat(RepositoryFiles.read(head, "db/migration/V5__in.sql", 1000))
            .as("a link inside still reads")
            .isEqualTo("create table c (id int);\n");
      }
    }

    @Test
    void a_dirty_working_tree_is_not_used_as_head() {
      GitFixture g = repoWithFeatureBranch();
      g.write("db/migration/V4__uncommitted.sql", "select 1;\n");
      try (Workspace ws = Workspace.fromGit(g.dir(), "main", "HEAD")) {
        assertThat(ws.headRoot()).isNotEqualTo(g.dir());
        assertThat(ws.headRoot().resolve("db/migration/V4__uncommitted.sql")).doesNotExist();
      }
    }

    @Test
    void a_subdirectory_is_reviewed_with_paths_relative_to_it() {
      GitFixture g =
          new GitFixture(tmp.resolve("mono"))
              .write("services/shop/db/migration/V1__a.sql", "select 1;\n")
              .write("services/other/db/migration/V1__x.sql", "select 1;\n")
              .commit("base")
              .branch("f")
              .write("services/shop/db/migration/V2__b.sql", "select 2;\n")
              .write("services/other/db/migration/V2__y.sql", "select 2;\n")
              .commit("f");
      g.checkout("main");
      try (Workspace ws = Workspace.fromGit(g.dir().resolve("services/shop"), "main", "f")) {
        assertThat(ws.changedFiles())
            .extracting(ChangedFile::path)
            .containsExactly("db/migration/V2__b.sql");
        assertThat(ws.headRoot().resolve("db/migration/V2__b.sql")).exists();
        assertThat(ws.headRoot().resolve("services")).doesNotExist();
      }
    }

    @Test
    void an_unknown_ref_says_how_to_fetch_it() {
      GitFixture g = repoWithFeatureBranch();
      WardenException e =
          catchThrowableOfType(
              () -> Workspace.fromGit(g.dir(), "origin/nope", "HEAD"), WardenException.class);
      assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
      assertThat(e.getMessage())
          .contains("--base origin/nope: unknown revision")
          .contains("git fetch origin");
    }

    @Test
    void a_directory_that_is_not_a_repository_suggests_base_dir() throws Exception {
      Path plain = Files.createDirectories(tmp.resolve("plain"));
      WardenException e =
          catchThrowableOfType(
              () -> Workspace.fromGit(plain, "main", "HEAD"), WardenException.class);
      assertThat(e.getMessage()).contains("is not inside a git repository").contains("--base-dir");
    }

    @Test
    void an_option_like_ref_is_refused() {
      GitFixture g = repoWithFeatureBranch();
      WardenException e =
          catchThrowableOfType(
              () -> Workspace.fromGit(g.dir(), "--output=/tmp/x", "HEAD"), WardenException.class);
      assertThat(e.getMessage()).contains("is not a git ref");
    }
  }

  @Test
  void from_directories_compares_bytes() throws Exception {
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    Files.createDirectories(base.resolve("db"));
    Files.createDirectories(head.resolve("db"));
    Files.writeString(base.resolve("db/V1__a.sql"), "a");
    Files.writeString(head.resolve("db/V1__a.sql"), "a");
    Files.writeString(base.resolve("db/V2__b.sql"), "b");
    Files.writeString(head.resolve("db/V2__b.sql"), "b changed");
    Files.writeString(head.resolve("db/V3__c.sql"), "c");
    try (Workspace ws = Workspace.fromDirectories(head, base)) {
      assertThat(ws.changedFiles())
          .containsExactly(
              new ChangedFile("db/V2__b.sql", ChangedFile.Status.MODIFIED, Optional.empty()),
              new ChangedFile("db/V3__c.sql", ChangedFile.Status.ADDED, Optional.empty()));
      assertThat(ws.baseRoot()).isEqualTo(base);
    }
  }
}
