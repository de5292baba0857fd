package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeKindTest {

  @Test
  void every_change_record_has_exactly_one_kind() {
    List<Class<?>> records = List.of(Change.class.getPermittedSubclasses());
    for (Class<?> r : records) {
      assertThat(
              Arrays.stream(ChangeKind.values())
                  .filter(k -> k.name().replace("_", "").equalsIgnoreCase(r.getSimpleName())))
          .as("a ChangeKind for %s", r.getSimpleName())
          .hasSize(1);
    }
    assertThat(ChangeKind.values()).as("no kind without its record").hasSameSizeAs(records);
  }

  @Test
  void json_names_are_the_published_ones_and_unique() {
    assertThat(ChangeKind.of(new Change.Vacuum(false, List.of())).jsonName()).isEqualTo("vacuum");
    assertThat(
            ChangeKind.of(new Change.RefreshMaterializedView(QualifiedName.of("mv"), true))
                .jsonName())
        .as("docs/report-format.md lists these names")
        .isEqualTo("refresh_materialized_view");
    assertThat(Arrays.stream(ChangeKind.values()).map(ChangeKind::jsonName).distinct())
        .as("two kinds never share a JSON name")
        .hasSize(ChangeKind.values().length);
  }
}
