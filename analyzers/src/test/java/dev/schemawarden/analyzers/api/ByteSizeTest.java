package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0                   | 0 bytes
          1                   | 1 byte
          1023                | 1023 bytes
          1024                | 1 KiB
          1536                | 1.5 KiB
          1048524             | 1023.9 KiB
          1048575             | 1 MiB
          1073741824          | 1 GiB
          2147483648          | 2 GiB
          1610612736          | 1.5 GiB
          1099511627776       | 1 TiB
          9223372036854775807 | 8 EiB
          -2048               | -2 KiB
          -9223372036854775808 | -8 EiB
          """)
  void prints_binary_units_with_one_decimal_dropped_when_zero(long bytes, String expected) {
    assertThat(ByteSize.format(bytes)).isEqualTo(expected);
  }
}
