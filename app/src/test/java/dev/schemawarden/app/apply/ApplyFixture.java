package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.policy.api.Approval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A repository on disk, target databases on the embedded server, and the wiring of a real ApplyService. */
final class ApplyFixture {
  static final String HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  final Path repo;
  final AuditLog audit;
  final List<Duration> waits = new ArrayList<>();
  final ApplyService service;

  ApplyFixture(Path repo, TestPostgres pg) {
    this.repo = repo;
    this.audit = AuditLog.open(pg.dataSource(pg.newDatabase("state")), Clock.systemUTC(), "test");
    this.service =
        new ApplyService(
            audit,
            dev.schemawarden.app.testing.Reviews.service().configLoader(),
            Engines::forName,
            PreApplyCheck.objects(),
            Clock.systemUTC(),
            waits::add);
  }

  ApplyFixture write(String path, String text) {
    try {
      Path p = repo.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Target target(String name, String url) {
    return new Target(name, url, Optional.empty(), Optional.empty(), Optional.empty());
  }

  ApplyRequest request(List<Target> targets, List<Approval> approvals, ApplySettings settings) {
    return new ApplyRequest(
        repo,
        Optional.empty(),
        targets,
        "acme/shop",
        42,
        "alice",
        Set.of("alice"),
        "base0",
        HEAD,
        HEAD,
        approvals,
        settings);
  }

  static List<Approval> approvedBy(String user, String sha) {
    return List.of(Approval.approved(user, sha, Instant.parse("2026-01-05T10:00:00Z")));
  }

  static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }

  static String fingerprint(String url) throws SQLException {
    try (Connection c = connect(url)) {
      return SchemaFingerprint.of(c);
    }
  }

  static long count(String url, String sql) throws SQLException {
    try (Connection c = connect(url);
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
