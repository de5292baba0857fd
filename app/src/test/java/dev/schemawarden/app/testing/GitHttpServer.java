package dev.schemawarden.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real git over smart HTTP for tests: every request runs {@code git http-backend} as a CGI script (the way Apache or
 * nginx serve git) behind a JDK HTTP server on 127.0.0.1, over the repositories under one root directory. Each served
 * repository gets {@code uploadpack.allowFilter} and {@code uploadpack.allowAnySHA1InWant}, as GitHub and GitLab
 * allow partial clones and fetches by id. With a token set, a request without {@code Authorization: Basic
 * base64(user:token)} gets 401, so a test proves the client sent it. Requests and response bytes are counted.
 */
public final class GitHttpServer implements AutoCloseable {
  /** One request served: method, path and query, the status, and the body bytes sent back. */
  public record Request(
      String method, String path, String query, int status, long bytes, String authorization) {}

  private final Path root;
  private final HttpServer server;
  private final String prefix;
  private final boolean owned;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong bytes = new AtomicLong();
  private volatile Optional<String> token = Optional.empty();

  /** Serves the repositories under {@code root} at {@code http://127.0.0.1:PORT/<path under root>}. */
  public GitHttpServer(Path root) {
    this.root = root;
    this.prefix = "";
    this.owned = true;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Serves the repositories under {@code root} at {@code <host's address><prefix>/<path under root>} on a server a
   * fake code host already runs: the host's API and its git share one address, as on GitHub Enterprise.
   */
  public GitHttpServer(Path root, HttpServer host, String prefix) {
    this.root = root;
    this.prefix = prefix;
    this.owned = false;
    this.server = host;
    host.createContext(prefix + "/", this::handle);
  }

  /** Prepares {@code repo} (a repository under the root) to be served: filters and fetch-by-id allowed. */
  public GitHttpServer serve(GitFixture repo) {
    repo.git("config", "uploadpack.allowFilter", "true");
    repo.git("config", "uploadpack.allowAnySHA1InWant", "true");
    repo.git("config", "http.uploadpack", "true");
    return this;
  }

  /** From now on, every request must carry this token as the Basic password. */
  public GitHttpServer requireToken(String required) {
    this.token = Optional.of(required);
    return this;
  }

  /** The clone URL of the repository at {@code relative} under the root. */
  public String url(String relative) {
    return baseUrl() + "/" + relative;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Response body bytes sent so far. */
  public long bytesServed() {
    return bytes.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth =
          Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
      String path = ex.getRequestURI().getRawPath().substring(prefix.length());
      String query = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
      if (token.isPresent() && !authorised(auth, token.get())) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        ex.sendResponseHeaders(401, -1);
        requests.add(new Request(ex.getRequestMethod(), path, query, 401, 0, auth));
        return;
      }
      ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
      Map<String, String> env = pb.environment();
      env.clear();
      env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("HOME", root.toString());
      env.put("PATH_INFO", path);
      env.put("REQUEST_METHOD", ex.getRequestMethod());
      env.put("QUERY_STRING", query);
      env.put("REMOTE_ADDR", "127.0.0.1");
      env.put("REMOTE_USER", auth.isEmpty() ? "" : "git");
      header(ex, "Content-Type").ifPresent(v -> env.put("CONTENT_TYPE", v));
      header(ex, "Content-Length").ifPresent(v -> env.put("CONTENT_LENGTH", v));
      header(ex, "Content-Encoding").ifPresent(v -> env.put("HTTP_CONTENT_ENCODING", v));
      header(ex, "Git-Protocol").ifPresent(v -> env.put("GIT_PROTOCOL", v));
      Process p = pb.start();
      executor.submit(
          () -> {
            try (InputStream err = p.getErrorStream()) {
              err.transferTo(OutputStream.nullOutputStream());
            }
            return null;
          });
      executor.submit(
          () -> {
            try (OutputStream in = p.getOutputStream();
                InputStream body = ex.getRequestBody()) {
              body.transferTo(in);
            } catch (IOException ignored) {
              // the backend answered without reading the whole request
            }
            return null;
          });
      InputStream out = p.getInputStream();
      int status = 200;
      String line;
      while (!(line = readLine(out)).isEmpty()) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.split(" ")[0]);
        } else {
          ex.getResponseHeaders().add(name, value);
        }
      }
      ex.sendResponseHeaders(status, 0);
      long sent;
      try (OutputStream body = ex.getResponseBody()) {
        sent = out.transferTo(body);
      }
      p.waitFor(30, TimeUnit.SECONDS);
      bytes.addAndGet(sent);
      requests.add(new Request(ex.getRequestMethod(), path, query, status, sent, auth));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean authorised(String header, String token) {
    if (!header.startsWith("Basic ")) {
      return false;
    }
    String decoded =
        new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    return decoded.endsWith(":" + token);
  }

  private static Optional<String> header(HttpExchange ex, String name) {
    return Optional.ofNullable(ex.getRequestHeaders().getFirst(name));
  }

  /** One CGI header line, without its CR LF or LF; empty at the blank line that ends the headers (or at EOF). */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      buf.write(c);
    }
    String s = buf.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() {
    if (owned) {
      server.stop(0);
    }
    executor.shutdownNow();
  }
}
