package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @Test
  void removes_a_tree_and_a_planted_link_but_not_what_the_link_points_to(@TempDir Path outside)
      throws Exception {
    Path kept = Files.writeString(outside.resolve("kept.txt"), "not the tree's");
    Path root = FileTrees.createTemporary("warden-test-");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/file.sql"), "select 1;");
    Files.createSymbolicLink(root.resolve("a/link-to-dir"), outside);
    Files.createSymbolicLink(root.resolve("a/link-to-file"), kept);

    FileTrees.delete(root);

    assertThat(root).doesNotExist();
    assertThat(kept).hasContent("not the tree's");
  }

  @Test
  void deleting_what_does_not_exist_is_nothing() throws Exception {
    Path root = FileTrees.createTemporary("warden-test-");
    FileTrees.deleteOrThrow(root);
    FileTrees.deleteOrThrow(root);
    assertThat(root).doesNotExist();
  }
}
