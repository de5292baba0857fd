package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0          | 0 ms
          250        | 250 ms
          999        | 999 ms
          1000       | 1 s
          1500       | 1.5 s
          59940      | 59.9 s
          59960      | 1 min
          90000      | 1.5 min
          600000     | 10 min
          3597000    | 1 h
          15120000   | 4.2 h
          172799000  | 2 days
          604800000  | 7 days
          -2000      | -2 s
          """)
  void prints_the_largest_unit_below_its_next_step(long millis, String expected) {
    assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }

  @Test
  void a_duration_past_long_millis_does_not_throw() {
    assertThat(HumanDuration.format(Duration.ofSeconds(Long.MAX_VALUE))).endsWith(" days");
  }
}
