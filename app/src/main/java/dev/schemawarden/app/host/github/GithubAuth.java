package dev.schemawarden.app.host.github;

import java.security.PrivateKey;
import java.util.Objects;

/** How the bot authenticates to GitHub. {@code toString} never shows the secret. */
public sealed interface GithubAuth {

  /** A plain token: a personal access token, or the Action's {@code GITHUB_TOKEN}. */
  record Token(String token) implements GithubAuth {
    public Token {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Token[***]";
    }
  }

  /** A GitHub App: its id and private key sign a JWT, exchanged per installation for a short-lived token. */
  record App(long appId, PrivateKey privateKey) implements GithubAuth {
    public App {
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
      return "App[id=" + appId + ", key=***]";
    }
  }
}
