package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

  @Test
  void hashes_the_utf8_bytes_to_lower_case_hex() {
    assertThat(Sha256.hex("abc"))
        .as("FIPS 180-2 test vector")
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.hex("é"))
        .as("UTF-8, not the platform charset")
        .isEqualTo(Sha256.hex(new byte[] {(byte) 0xc3, (byte) 0xa9}));
  }
}
