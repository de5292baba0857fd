package dev.schemawarden.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway git repository driven by the real {@code git} CLI, as users' repositories are. */
public final class GitFixture {
  private final Path dir;

  public GitFixture(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    git("init", "-q", "-b", "main");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "Test");
    git("config", "commit.gpgsign", "false");
  }

  public Path dir() {
    return dir;
  }

  public GitFixture write(String path, String content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public GitFixture commit(String message) {
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return this;
  }

  public GitFixture branch(String name) {
    git("checkout", "-q", "-b", name);
    return this;
  }

  public GitFixture checkout(String name) {
    git("checkout", "-q", name);
    return this;
  }

  public String git(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
