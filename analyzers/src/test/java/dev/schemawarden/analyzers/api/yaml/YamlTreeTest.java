package dev.schemawarden.analyzers.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeTest {

  private static YamlNode parse(String text) throws YamlSyntaxException {
    return YamlTree.parse(
            text,
            (k, l, f) -> {
              throw new AssertionError("duplicate " + k);
            })
        .orElseThrow();
  }

  @Test
  void every_key_and_value_keeps_its_line() throws Exception {
    YamlNode.Mapping root =
        (YamlNode.Mapping) parse("a: 1\nb:\n  - x\n  - ~\nc:\n  d: \"quoted\"\n");
    assertThat(root.entries().keySet()).containsExactly("a", "b", "c");
    assertThat(root.entry("a").orElseThrow().value()).isEqualTo(new YamlNode.Scalar("1", 1));
    YamlNode.Entry b = root.entry("b").orElseThrow();
    assertThat(b.keyLine()).isEqualTo(2);
    assertThat(((YamlNode.Sequence) b.value()).items())
        .containsExactly(new YamlNode.Scalar("x", 3), new YamlNode.Null(4));
    YamlNode.Mapping c = (YamlNode.Mapping) root.entry("c").orElseThrow().value();
    assertThat(c.entry("d").orElseThrow())
        .isEqualTo(new YamlNode.Entry("d", 6, new YamlNode.Scalar("quoted", 6)));
    assertThat(root.entry("missing")).isEmpty();
  }

  @Test
  void an_empty_document_has_no_root() throws Exception {
    assertThat(YamlTree.parse("", (k, l, f) -> {})).isEmpty();
    assertThat(YamlTree.parse("# only a comment\n", (k, l, f) -> {})).isEmpty();
  }

  @Test
  void a_repeated_key_is_reported_and_the_first_value_kept() throws Exception {
    List<String> seen = new ArrayList<>();
    YamlNode root =
        YamlTree.parse("a: 1\nb: 2\na: 3\n", (k, l, f) -> seen.add(k + "@" + l + " first " + f))
            .orElseThrow();
    assertThat(seen).containsExactly("a@3 first 1");
    assertThat(((YamlNode.Mapping) root).entry("a").orElseThrow().value())
        .isEqualTo(new YamlNode.Scalar("1", 1));
  }

  @Test
  void a_syntax_error_names_its_line() {
    assertThatThrownBy(() -> YamlTree.parse("a: 1\nb: [unclosed\nc: 2\n", (k, l, f) -> {}))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> {
              assertThat(e.line()).isGreaterThanOrEqualTo(2);
              assertThat(e.reason()).isNotBlank().doesNotContain("\n");
            });
  }

  @Test
  void kind_names_are_what_a_person_would_say() {
    assertThat(new YamlNode.Scalar("x", 1).kindName()).isEqualTo("a single value");
    assertThat(new YamlNode.Null(1).kindName()).isEqualTo("an empty value");
    assertThat(new YamlNode.Sequence(List.of(), 1).kindName()).isEqualTo("a list");
  }
}
