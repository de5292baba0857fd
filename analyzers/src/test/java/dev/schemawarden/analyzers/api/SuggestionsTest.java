package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Suggestions.Reach;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void any_reach_names_the_nearest_word_however_far() {
    assertThat(Suggestions.closest("zzzzzzzz", List.of("LK101", "ban-drop-column"), Reach.ANY))
        .contains("LK101");
    assertThat(Suggestions.closest("x", List.of(), Reach.ANY)).isEmpty();
  }

  @Test
  void ties_go_to_the_first_word_in_iteration_order() {
    assertThat(Suggestions.closest("LK10", List.of("LK102", "LK101"), Reach.ANY)).contains("LK102");
    assertThat(Suggestions.closest("LK10", List.of("LK101", "LK102"), Reach.ANY)).contains("LK101");
  }

  @Test
  void near_ignoring_separators_treats_underscore_space_and_dash_alike() {
    assertThat(
            Suggestions.closest(
                "FAIL_ON", List.of("fail-on", "engine"), Reach.NEAR_IGNORING_SEPARATORS))
        .contains("fail-on");
    assertThat(Suggestions.closest("max age", List.of("max-age"), Reach.NEAR_IGNORING_SEPARATORS))
        .contains("max-age");
    assertThat(
            Suggestions.closest(
                "zzzzzz", List.of("fail-on", "engine"), Reach.NEAR_IGNORING_SEPARATORS))
        .isEmpty();
  }

  @Test
  void near_ignoring_separators_allows_a_third_of_the_word_in_edits() {
    // 12 letters: up to 4 edits
    assertThat(
            Suggestions.closest(
                "abcdefghijkl", List.of("abcdefghWXYZ"), Reach.NEAR_IGNORING_SEPARATORS))
        .contains("abcdefghWXYZ");
    assertThat(
            Suggestions.closest(
                "abcdefghijkl", List.of("abcdefgVWXYZ"), Reach.NEAR_IGNORING_SEPARATORS))
        .isEmpty();
  }

  @Test
  void near_or_same_prefix_caps_edits_at_three_but_accepts_a_shared_start() {
    assertThat(Suggestions.closest("abcdefghijkl", List.of("abcdefghWXYZ")))
        .as("4 edits exceed the cap of 3, but the first four letters match")
        .contains("abcdefghWXYZ");
    assertThat(Suggestions.closest("xbcdefghijkl", List.of("xbcdefghWXYZ".replace('x', 'y'))))
        .as("5 edits and a different start")
        .isEmpty();
    assertThat(Suggestions.closest("Europe/Berln", List.of("Europe/Berlin", "Europe/Bern")))
        .contains("Europe/Berlin");
    assertThat(Suggestions.closest("require", List.of("REQUIRE")))
        .as("case is ignored")
        .contains("REQUIRE");
  }

  @Test
  void separators_count_as_edits_outside_the_config_reach() {
    assertThat(Suggestions.closest("a_b", List.of("a-b", "a_c"))).contains("a-b");
    assertThat(Suggestions.distance("a_b", "a-b")).isEqualTo(1);
  }
}
