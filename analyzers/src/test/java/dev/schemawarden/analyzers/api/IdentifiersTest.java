package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      orders         | orders               | "orders"
      user           | "user"               | "user"
      Orders         | "Orders"             | "Orders"
      my table       | "my table"           | "my table"
      x"; DROP TABLE | "x""; DROP TABLE"    | "x""; DROP TABLE"
      a$b            | a$b                  | "a$b"
      """)
  void renders_bare_only_what_postgresql_reads_back_unchanged(
      String name, String rendered, String quoted) {
    assertThat(Identifiers.render(name))
        .as("bare only when lower case and not reserved")
        .isEqualTo(rendered);
    assertThat(Identifiers.quote(name))
        .as("a quote inside the name is doubled, never closes it")
        .isEqualTo(quoted);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      orders              | public.orders       | true
      public.orders       | public.orders       | true
      app.orders          | public.orders       | false
      "Orders"            | public."Orders"     | true
      "Orders"            | orders              | false
      "a.b".c             | "a.b".c             | true
      "a.b".c             | b.c                 | false
      """)
  void one_relation_name_equality(String a, String b, boolean same) {
    assertThat(QualifiedName.parse(a).matches(QualifiedName.parse(b)))
        .as("%s vs %s", a, b)
        .isEqualTo(same);
  }
}
