package dev.schemawarden.app.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real git behind a fake code host: one repository, served by {@code git http-backend} on the fake's own HTTP
 * server under {@code prefix}, into which a test's scenario (files at base, files at head) is committed as a base
 * commit and a head commit on top of it. Each new scenario gets new commits, as a push would.
 */
public final class ScenarioGit implements AutoCloseable {
  /** The two commits of one scenario. */
  public record Commits(String base, String head) {}

  private final Path root;
  private final GitFixture origin;
  private final GitHttpServer server;
  private int generation;

  /**
   * A repository at {@code <host>/<prefix>/<name>.git}.
   *
   * @param prefix the URL path before the repository's name, e.g. {@code /git/owner} or {@code /group}
   */
  public ScenarioGit(HttpServer host, String prefix, String name) {
    try {
      root = Files.createTempDirectory("fake-host-git-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    origin = new GitFixture(root.resolve(name + ".git"));
    server = new GitHttpServer(root, host, prefix).serve(origin);
  }

  /** The files of one side of a scenario kept as {@code "<sha>:<path>" -> text}: path to text. */
  public static Map<String, String> side(Map<String, String> contents, String sha) {
    Map<String, String> side = new java.util.TreeMap<>();
    contents.forEach(
        (key, text) -> {
          if (key.startsWith(sha + ":")) {
            side.put(key.substring(sha.length() + 1), text);
          }
        });
    return side;
  }

  /** The URL the repository's path is appended to. */
  public String baseUrl() {
    return server.baseUrl();
  }

  public java.util.List<GitHttpServer.Request> requests() {
    return server.requests();
  }

  /**
   * Commits {@code base} (path to text) as a base commit on {@code branch}, then {@code head} on top of it with
   * {@code removed} gone, and points {@code pullRef} (e.g. {@code refs/pull/2/head}) at the head.
   */
  public synchronized Commits commit(
      Map<String, String> base,
      Map<String, String> head,
      Collection<String> removed,
      String branch,
      String pullRef) {
    generation++;
    origin.git("checkout", "-q", "--orphan", "base-" + generation);
    origin.git("rm", "-rfq", "--ignore-unmatch", ".");
    origin.git("clean", "-fdxq");
    base.forEach(origin::write);
    origin.git("add", "-A");
    origin.git("commit", "-q", "--allow-empty", "-m", "base " + generation);
    String baseSha = origin.git("rev-parse", "HEAD");
    origin.git("checkout", "-q", "-b", "head-" + generation);
    for (String path : removed) {
      origin.git("rm", "-q", "--ignore-unmatch", "--", path);
    }
    head.forEach(origin::write);
    origin.git("add", "-A");
    origin.git("commit", "-q", "--allow-empty", "-m", "head " + generation);
    String headSha = origin.git("rev-parse", "HEAD");
    origin.git("branch", "-f", branch, baseSha);
    origin.git("update-ref", pullRef, headSha);
    return new Commits(baseSha, headSha);
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary repository is harmless
    }
  }
}
