package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.schemawarden.analyzers.api.RuleCatalog;
import dev.schemawarden.analyzers.api.RuleMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The catalog, the registry, the docs and the fixtures agree with each other. */
class RuleCatalogTest {

  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final Path DOCS = Fixtures.repoRoot().resolve("docs/rules");

  private static Set<String> catalogIds() {
    return RuleCatalog.all().stream().map(RuleMeta::id).collect(Collectors.toSet());
  }

  @Nested
  class Ids {
    @Test
    void ids_and_slugs_are_unique_and_well_formed() {
      List<RuleMeta> all = RuleCatalog.all();
      assertThat(all)
          .extracting(RuleMeta::id)
          .doesNotHaveDuplicates()
          .allMatch(id -> id.matches("[A-Z]{2,3}\\d{3}") || id.equals("INTERNAL"));
      assertThat(all)
          .extracting(RuleMeta::slug)
          .doesNotHaveDuplicates()
          .allMatch(s -> s.matches("[a-z0-9]+(-[a-z0-9]+)*"));
      assertThat(all).as("the catalog is sorted by id").extracting(RuleMeta::id).isSorted();
    }

    @Test
    void the_registry_lines_are_sorted() throws IOException {
      Path source =
          Fixtures.repoRoot()
              .resolve(
                  "analyzers/src/main/java/dev/schemawarden/analyzers/internal/lint/BuiltInRules.java");
      String text = Files.readString(source);
      String block =
          text.substring(text.indexOf("// keep-sorted start"), text.indexOf("// keep-sorted end"));
      List<String> lines =
          block
              .lines()
              .skip(1)
              .map(l -> l.strip().replaceAll(",$", ""))
              .filter(l -> !l.isEmpty())
              .toList();
      assertThat(lines).as("BuiltInRules.ALL lines between the keep-sorted markers").isSorted();
      assertThat(lines).hasSize(BuiltInRules.ALL.size());
    }
  }

  @Nested
  class DocsAndFixtures {
    @Test
    void every_id_has_a_doc_page_with_the_required_sections() {
      for (RuleMeta m : RuleCatalog.all()) {
        Path page = Fixtures.repoRoot().resolve(m.docPath());
        assertThat(page).as("doc page of %s", m.id()).exists();
        String doc = Fixtures.read(page);
        int at = 0;
        for (String section : RuleDocs.SECTIONS) {
          int found = doc.indexOf("\n" + section + "\n", at);
          assertThat(found)
              .as("%s has section '%s' after the previous one", m.docPath(), section)
              .isGreaterThanOrEqualTo(0);
          at = found;
        }
      }
    }

    @Test
    void every_rule_has_a_fixture_folder_and_nothing_is_orphaned() throws IOException {
      Set<String> ruleIds =
          BuiltInRules.ALL.stream().map(r -> r.meta().id()).collect(Collectors.toSet());
      for (String id : ruleIds) {
        assertThat(Fixtures.rulesDir().resolve(id).resolve("bad.sql"))
            .as("fixture of %s", id)
            .exists();
        assertThat(Fixtures.rulesDir().resolve(id).resolve("good.sql"))
            .as("fixture of %s", id)
            .exists();
      }
      try (Stream<Path> dirs = Files.list(Fixtures.rulesDir())) {
        assertThat(dirs.map(p -> p.getFileName().toString()))
            .as("fixture folders whose id is no rule in BuiltInRules.ALL")
            .allMatch(ruleIds::contains);
      }
      try (Stream<Path> pages = Files.list(DOCS)) {
        assertThat(
                pages
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("README.md") && !n.equals("peers.md")))
            .as("doc pages whose id is not in the catalog")
            .allMatch(
                n -> n.endsWith(".md") && catalogIds().contains(n.substring(0, n.length() - 3)));
      }
    }

    @Test
    void generated_docs_match_what_is_committed() {
      List<String> stale = new ArrayList<>();
      golden(DOCS.resolve("README.md"), RuleDocs.index(RuleCatalog.all()), stale);
      for (RuleMeta m : RuleCatalog.all()) {
        Path page = Fixtures.repoRoot().resolve(m.docPath());
        if (Files.exists(page)) {
          golden(
              page,
              RuleDocs.render(Fixtures.read(page), m, Fixtures.rulesDir().resolve(m.id())),
              stale);
        }
      }
      if (!stale.isEmpty()) {
        fail(
            "generated docs differ from the committed ones: "
                + stale
                + ". Regenerate with"
                + " `mvn -pl analyzers test -Dtest=RuleCatalogTest -Dgolden.update=true`, review the diff and commit"
                + " if intended");
      }
    }
  }

  private static void golden(Path file, String expected, List<String> stale) {
    try {
      String actual = Files.exists(file) ? Files.readString(file) : "";
      if (actual.equals(expected)) {
        return;
      }
      if (UPDATE) {
        Files.writeString(file, expected);
      } else {
        stale.add(Fixtures.repoRoot().relativize(file).toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
