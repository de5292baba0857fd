package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ConsoleFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The console with 10,000 reviews and 100,000 audit entries: time from request to last byte of each page on the
 * real server (loopback, so this is server time plus well under a millisecond). Target: under 200 ms. Run:
 * {@code mvn -pl app -am test -Dtest=ConsoleBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwarden.excludedGroups=none}; figures go to docs/benchmarks.md ("Console").
 */
@Tag("bench")
class ConsoleBenchmarkTest {
  static final String TOKEN = "bench-token";
  static final int REVIEWS = 10_000;
  static final int AUDIT = 100_000;

  /**
   * The data generator: reviews over 20 repositories and 90 days with the fixtures' report, audit entries over 5
   * environments and 4 actors. Audit rows are written straight to the table with made-up hashes (the chain does
   * not verify; the page does not need it to), as the log's own append would take minutes for 100,000.
   */
  static void generate(String url) throws Exception {
    try (StateStore store =
        StateStore.open(new StateSettings(Optional.of(url), Path.of("unused"), 1))) {
      AuditLog.open(store); // creates the audit schema
    }
    try (Connection c = DriverManager.getConnection(url)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO reviews (host, repository, pr_number, pr_title,"
                  + " pr_url, head_sha, base_sha, decision, errors, warnings, started_at, duration_ms, report)"
                  + " SELECT 'github', 'acme/repo-' || (i % 20), i, 'change ' || i, 'https://github.com/acme/repo/pull/' || i,"
                  + " md5(i::text) || 'abcdefgh', md5((i + 1)::text) || 'abcdefgh',"
                  + " (ARRAY['allow', 'needs_approval', 'deny', 'none'])[1 + i % 4], i % 3, i % 5,"
                  + " timestamptz '2026-09-01' + i * interval '13 minutes', 900 + i % 3000, ?"
                  + " FROM generate_series(1, "
                  + REVIEWS
                  + ") i")) {
        ps.setString(
            1,
            ConsoleFixtures.report("public.orders", "ALTER TABLE orders ADD COLUMN c int", "deny"));
        ps.execute();
      }
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO warden_audit.audit_log (seq, recorded_at, event, repository, pr, environment,"
                + " head_sha, merge_sha, body, prev_hash, hash)"
                + " SELECT i, timestamptz '2026-06-01' + i * interval '1 minute',"
                + " (ARRAY['reviewed', 'approved', 'applied', 'failed', 'tool_called'])[1 + i % 5],"
                + " 'acme/repo-' || (i % 20), i % 500, (ARRAY['', 'dev', 'staging', 'prod', 'eu-prod'])[1 + i % 5],"
                + " md5(i::text), md5((i + 7)::text),"
                + " json_build_object('seq', i, 'actor', (ARRAY['', 'agent:ci-bot', 'agent:release', ''])[1 + i % 4],"
                + "   'author', 'user' || (i % 50), 'note', 'entry ' || i)::text,"
                + " lpad(to_hex(i - 1), 64, '0'), lpad(to_hex(i), 64, '0')"
                + " FROM generate_series(1, "
                + AUDIT
                + ") i");
        s.execute("ANALYZE reviews");
        s.execute("ANALYZE warden_audit.audit_log");
      }
    }
  }

  static String median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format(
        "p50 %.1f ms, max %.1f ms",
        sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
  }

  static List<Long> time(int port, String path, int runs) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = get(port, path, "Authorization", "Bearer " + TOKEN);
      out.add(System.nanoTime() - t);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
    return out;
  }

  @Test
  void review_list_over_10000_reviews_and_audit_page_over_100000_entries_render_under_200_ms()
      throws Exception {
    String url = ServiceHarness.freshDatabase();
    long t = System.nanoTime();
    try (WardenServer probe =
        WardenServer.start(
            ServiceHarness.config(url, "http://127.0.0.1:9"),
            List.of(),
            (s, hosts) -> job -> {},
            Optional.of(TOKEN))) {
      generate(url);
      System.out.printf(
          "console bench: generated %,d reviews and %,d audit entries in %.1f s%n",
          REVIEWS, AUDIT, (System.nanoTime() - t) / 1e9);
      int port = probe.port();
      for (String path : List.of("/", "/audit", "/reviews/1", "/audit/1")) {
        time(port, path, 20); // warm-up: JIT, pool, PostgreSQL caches
      }
      // The 20th page of the list, by following next links from the first.
      String deep = "/";
      for (int i = 0; i < 20; i++) {
        Matcher m =
            Pattern.compile("href=\"(/\\?before=\\d+)\" rel=\"next\"")
                .matcher(get(port, deep, "Authorization", "Bearer " + TOKEN).body());
        assertThat(m.find()).isTrue();
        deep = m.group(1);
      }
      List<String> paths =
          List.of(
              "/",
              "/?repository=acme/repo-7",
              "/?decision=deny",
              "/?since=2026-10-01&until=2026-10-08",
              deep,
              "/reviews/5000",
              "/api/reviews?limit=100",
              "/audit",
              "/audit?env=prod",
              "/audit?object=acme/repo-3",
              "/audit?outcome=failed",
              "/audit?actor=agent:ci-bot",
              "/audit?since=2026-07-01&until=2026-07-02",
              "/audit?before=50000",
              "/audit/77777");
      List<Long> all = new ArrayList<>();
      for (String path : paths) {
        List<Long> runs = time(port, path, 30);
        all.addAll(runs);
        System.out.printf("console bench: %-45s %s%n", path, median(runs));
        Collections.sort(runs);
        assertThat(runs.get(runs.size() / 2))
            .as(path + ": median under 200 ms")
            .isLessThan(Duration.ofMillis(200).toNanos());
      }
      System.out.printf("console bench: all pages: %s%n", median(all));
    }
  }
}
