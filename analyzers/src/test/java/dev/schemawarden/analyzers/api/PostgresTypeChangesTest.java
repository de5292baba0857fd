package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresTypeChangesTest {
  private static final ServerVersion PG17 = new ServerVersion(17, 0);

  private static Optional<DataType> type(String spec) {
    if (spec == null || spec.isBlank()) {
      return Optional.empty();
    }
    String[] p = spec.strip().split("[(),]");
    return Optional.of(DataType.of(p[0], java.util.Arrays.copyOfRange(p, 1, p.length)));
  }

  @ParameterizedTest(name = "{0} -> {1}: rewrites={2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      varchar(10)   | varchar(20)   | false
      varchar(20)   | varchar(10)   | true
      varchar(10)   | text          | false
      text          | varchar       | false
      numeric(10,2) | numeric(12,2) | false
      numeric(10,2) | numeric(12,3) | true
      numeric(10,2) | numeric       | false
      integer       | bigint        | true
      cidr          | inet          | false
                    | text          | false
                    | varchar(50)   | false
                    | numeric(20,4) | false
                    | bigint        | true
                    | timestamptz   | true
      """)
  void knows_which_type_changes_rewrite(String from, String to, boolean rewrites) {
    assertThat(PostgresTypeChanges.rewrites(type(from), type(to).orElseThrow(), false, PG17))
        .isEqualTo(rewrites);
  }

  @ParameterizedTest(name = "{0}: volatile={1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      now()                      | false
      CURRENT_TIMESTAMP          | false
      0                          | false
      'random()'                 | false
      random()                   | true
      gen_random_uuid()          | true
      public.uuid_generate_v4()  | true
      clock_timestamp()          | true
      nextval('s'::regclass)     | true
      """)
  void knows_volatile_defaults(String expr, boolean isVolatile) {
    assertThat(Volatility.isVolatileDefault(expr)).isEqualTo(isVolatile);
  }
}
