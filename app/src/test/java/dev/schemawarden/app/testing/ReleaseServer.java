package dev.schemawarden.app.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A release download folder over real HTTP ({@code <url>/warden-<version>.jar} and {@code .sha256}), as GitHub
 * serves release assets, standing in for a release that does not exist yet. The jar is a real, runnable warden: a
 * launcher jar whose manifest puts this build's classes and dependencies on the class path. Requests are recorded;
 * the checksum can be made wrong.
 */
public final class ReleaseServer implements AutoCloseable {
  private static Path launcher;

  private final HttpServer server;
  private final byte[] jar;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile String checksum;

  public ReleaseServer() {
    try {
      jar = Files.readAllBytes(launcherJar());
      checksum = sha256(jar);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          requests.add(path);
          byte[] body;
          int status = 200;
          if (path.matches("/download/warden-[^/]+\\.jar")) {
            body = jar;
          } else if (path.matches("/download/warden-[^/]+\\.jar\\.sha256")) {
            body =
                (checksum
                        + "  "
                        + path.substring(path.lastIndexOf('/') + 1, path.length() - 7)
                        + "\n")
                    .getBytes();
          } else {
            status = 404;
            body = "Not Found".getBytes();
          }
          ex.sendResponseHeaders(status, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** The release folder: what the action's {@code release-url} input names. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/download";
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** From now on the .sha256 names another file's checksum (a tampered jar, or a tampered checksum). */
  public void wrongChecksum() {
    checksum = sha256("something else".getBytes());
  }

  /** The jar the server hands out, built once per JVM. */
  public static synchronized Path launcherJar() throws IOException {
    if (launcher == null) {
      Path file = Files.createTempFile("warden-launcher-", ".jar");
      file.toFile().deleteOnExit();
      List<String> entries = new ArrayList<>();
      for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (!e.isBlank() && !e.contains("test-classes")) {
          entries.add(Path.of(e).toAbsolutePath().toUri().toString());
        }
      }
      Manifest m = new Manifest();
      m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.schemawarden.app.Main");
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), m)) {
        out.flush();
      }
      launcher = file;
    }
    return launcher;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
