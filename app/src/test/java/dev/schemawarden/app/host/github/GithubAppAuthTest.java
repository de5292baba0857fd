package dev.schemawarden.app.host.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHub App authentication over real HTTP: the App's PKCS#1 key signs a JWT, exchanged once for an installation
 * token (answer recorded from GitHub), which then authorises the API calls until it nears expiry.
 */
class GithubAppAuthTest {
  static final ObjectMapper JSON = new ObjectMapper();
  HttpServer server;
  final List<String[]> calls = new CopyOnWriteArrayList<>();
  KeyPair keys;

  @BeforeEach
  void start() throws Exception {
    keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          calls.add(
              new String[] {
                ex.getRequestMethod() + " " + path, ex.getRequestHeaders().getFirst("Authorization")
              });
          String body;
          int status = 200;
          if (path.equals("/app/installations/77/access_tokens")) {
            com.fasterxml.jackson.databind.node.ObjectNode t =
                (com.fasterxml.jackson.databind.node.ObjectNode) fixture("installation-token.json");
            t.put("token", "ghs_installation_77")
                .put("expires_at", Instant.now().plusSeconds(3600).toString());
            body = t.toString();
            status = 201;
          } else if (path.equals("/repos/octo/shop")) {
            body = fixture("repository.json").toString();
          } else {
            body =
                ((com.fasterxml.jackson.databind.node.ObjectNode) fixture("pull.json"))
                    .put("number", 5)
                    .toString();
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(status, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static JsonNode fixture(String name) {
    try (InputStream in =
        GithubAppAuthTest.class.getResourceAsStream("/fixtures/github/rest/" + name)) {
      return JSON.readTree(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** GitHub hands out PKCS#1 keys; derive one from the JDK's PKCS#8 encoding (its last field). */
  String pkcs1Pem() {
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    return "-----BEGIN RSA PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pkcs1)
        + "\n-----END RSA PRIVATE KEY-----\n";
  }

  @Test
  void an_installation_token_is_minted_with_a_signed_jwt_once_and_then_reused() throws Exception {
    GithubAuth.App app = new GithubAuth.App(4242, PemKeys.parse(pkcs1Pem()));
    GithubCodeHost host =
        new GithubCodeHost(
            new GithubSettings(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "secret",
                app,
                "Schema Warden"));
    PullRequestRef ref = new PullRequestRef("github", "octo/shop", 5, Optional.of(77L));

    PullRequest first = host.pullRequest(ref);
    host.pullRequest(ref);

    assertThat(first.ref().number()).isEqualTo(5);
    List<String[]> mints = calls.stream().filter(c -> c[0].endsWith("/access_tokens")).toList();
    assertThat(mints).as("the token is cached").hasSize(1);
    String jwt = mints.get(0)[1].substring("Bearer ".length());
    String[] parts = jwt.split("\\.");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(keys.getPublic());
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2])))
        .as("RS256 with the App key")
        .isTrue();
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(claims.path("iss").asText()).isEqualTo("4242");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(600);
    assertThat(calls.stream().filter(c -> c[0].startsWith("GET ")).map(c -> c[1]))
        .as("API calls use the installation token")
        .allMatch(a -> a.equals("token ghs_installation_77"));
    assertThat(app.toString()).doesNotContain("PRIVATE");
  }
}
