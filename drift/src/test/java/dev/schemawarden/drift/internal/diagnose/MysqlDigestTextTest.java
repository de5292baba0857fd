package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.drift.internal.diagnose.MysqlDigestText.Column;
import dev.schemawarden.drift.internal.diagnose.MysqlDigestText.Use;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading performance_schema digest texts: tables after FROM/JOIN, the columns compared with a value. */
class MysqlDigestTextTest {

  private static List<Use> uses(String text) {
    return MysqlDigestText.read(text).uses();
  }

  private static List<String> names(Use u) {
    return u.columns().stream().map(Column::name).toList();
  }

  @Test
  void equalities_come_first_then_one_range() {
    List<Use> u =
        uses(
            "SELECT * FROM `people` WHERE `age` > ? AND `email` = ? AND `id` IN (...) AND `x` < ?");
    assertThat(u).hasSize(1);
    assertThat(u.get(0).table()).isEqualTo("people");
    assertThat(names(u.get(0)))
        .as("equalities in order, then the first range only")
        .containsExactly("email", "id", "age");
  }

  @Test
  void aliases_and_qualified_names_attribute_columns_to_their_table() {
    List<Use> u =
        uses(
            "SELECT `o` . `id` FROM `shop` . `orders` AS `o` JOIN `customers` `c` ON `c` . `id` ="
                + " `o` . `customer_id` WHERE `o` . `status` = ? AND `c` . `email` = ?");
    assertThat(u).extracting(Use::table).containsExactly("orders", "customers");
    assertThat(u.get(0).database()).contains("shop");
    assertThat(names(u.get(0))).as("a join condition compares no value").containsExactly("status");
    assertThat(names(u.get(1))).containsExactly("email");
  }

  @Test
  void a_computed_comparison_gives_no_column() {
    assertThat(names(uses("SELECT * FROM `a` WHERE `y` + ? = ?").get(0))).isEmpty();
  }

  @Test
  void hostile_text_is_read_as_names_and_values_never_as_structure() {
    List<Use> u =
        uses(
            "SELECT * FROM `t``x */\n; DROP TABLE v` WHERE `c``ol` = ? AND 'it''s -- ' = `z` /* x");
    assertThat(u).extracting(Use::table).containsExactly("t`x */\n; DROP TABLE v");
    assertThat(u.get(0).columns()).containsExactly(new Column(Optional.empty(), "c`ol", true));
    assertThat(uses("")).isEmpty();
    assertThat(uses("SELECT `unterminated")).isEmpty();
  }
}
