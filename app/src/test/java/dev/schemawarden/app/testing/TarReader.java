package dev.schemawarden.app.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a (ustar or GNU) tar archive into memory, name to content, as an image tarball and its layers are laid out:
 * enough to inspect what {@code jib:buildTar} wrote without a Docker daemon or another library.
 */
public final class TarReader {
  private TarReader() {}

  public static Map<String, byte[]> read(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  /** Entries of {@code tar} (gzip-compressed or not), in archive order; directories have empty content. */
  public static Map<String, byte[]> read(byte[] tar) throws IOException {
    byte[] bytes = tar;
    if (tar.length > 2 && (tar[0] & 0xff) == 0x1f && (tar[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tar))) {
        bytes = in.readAllBytes();
      }
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    String longName = null;
    int at = 0;
    while (at + 512 <= bytes.length && bytes[at] != 0) {
      String name = text(bytes, at, 100);
      String prefix = text(bytes, at + 345, 155);
      String octal = text(bytes, at + 124, 12).trim();
      long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
      char type = (char) bytes[at + 156];
      byte[] content = java.util.Arrays.copyOfRange(bytes, at + 512, at + 512 + (int) size);
      at += 512 + (int) ((size + 511) / 512 * 512);
      if (type == 'x'
          || type == 'g') { // PAX attributes (Jib writes them): the names we need are in the header
        continue;
      }
      if (type == 'L') { // GNU long name: the next entry's name
        longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
        continue;
      }
      String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
      longName = null;
      entries.put(full, content);
    }
    return entries;
  }

  private static String text(byte[] b, int from, int length) {
    int end = from;
    while (end < from + length && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }
}
