package dev.schemawarden.replica.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sandbox user's URL: the operator's connection options carried over, its login and session rules its own. */
class MysqlSandboxUrlTest {
  @Test
  void tls_options_of_the_admin_url_reach_the_sandbox_and_its_login_and_session_rules_do_not() {
    String url =
        MysqlSandbox.sandboxUrl(
            "jdbc:mariadb://scratch:3306/?user=warden&password=s3cret&sslMode=verify-full"
                + "&serverSslCert=/etc/ca.pem&allowMultiQueries=true&allowLocalInfile=true&sessionVariables=sql_mode=''",
            "warden_r_1",
            "warden_u_1",
            "pw");

    assertThat(url)
        .startsWith("jdbc:mariadb://scratch:3306/warden_r_1?user=warden_u_1&password=pw&")
        .as("TLS as the operator set it")
        .contains("&sslMode=verify-full", "&serverSslCert=/etc/ca.pem")
        .as("the admin's login never")
        .doesNotContain("warden&", "s3cret")
        .as("the sandbox's own session rules, not the admin URL's")
        .contains("allowLocalInfile=false", "allowMultiQueries=false")
        .doesNotContain("allowMultiQueries=true", "allowLocalInfile=true", "sessionVariables")
        .as("with TLS set, no RSA key retrieval")
        .doesNotContain("allowPublicKeyRetrieval");
  }

  @Test
  void without_tls_a_mysql_8_login_may_fetch_the_servers_rsa_key() {
    String url =
        MysqlSandbox.sandboxUrl("jdbc:mysql://scratch:3306/?user=root&password=x", "d", "u", "p");

    assertThat(url)
        .as("caching_sha2_password's first login without TLS")
        .endsWith("&allowPublicKeyRetrieval=true")
        .startsWith("jdbc:mariadb://scratch:3306/d?user=u&password=p&");
  }

  @Test
  void the_server_key_a_log_line_names_is_host_and_port_never_the_credentials() {
    assertThat(MysqlSandbox.serverKey("jdbc:mariadb://scratch:3306?user=warden&password=s3cret"))
        .isEqualTo("scratch:3306");
    assertThat(MysqlSandbox.serverKey("jdbc:mariadb://scratch:3306/?user=warden&password=s3cret"))
        .isEqualTo("scratch:3306");
    assertThat(MysqlSandbox.serverKey("jdbc:mariadb://scratch/shop")).isEqualTo("scratch");
  }
}
