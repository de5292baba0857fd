package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one replica provider of this process, started on first use and shared by every stage that needs a replica
 * (the expected-schema replay of the drift stage, the lock tracer). Starting an embedded cluster costs about a
 * second and a template per schema is built once per provider, so stages must not start their own. A review
 * whose expected schema is cached and that traces nothing never starts PostgreSQL. {@link #close()} stops it.
 */
public final class ReplicaHolder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaHolder.class);

  private final Supplier<ReplicaProvider> factory;
  private ReplicaProvider provider;
  private boolean closed;

  public ReplicaHolder(Supplier<ReplicaProvider> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The default: an embedded PostgreSQL cluster ({@link ReplicaProvider#embedded}). */
  public static ReplicaHolder embedded(ReplicaSettings settings) {
    return new ReplicaHolder(() -> ReplicaProvider.embedded(settings));
  }

  /** The provider, started now if this is the first use. */
  public synchronized ReplicaProvider get() {
    if (closed) {
      throw new IllegalStateException("the replica holder was closed");
    }
    if (provider == null) {
      long t0 = System.nanoTime();
      provider = factory.get();
      LOG.debug(
          "replica provider {} started in {} ms",
          provider.id(),
          (System.nanoTime() - t0) / 1_000_000);
    }
    return provider;
  }

  /** True once a stage asked for the provider (and it started). */
  public synchronized boolean started() {
    return provider != null;
  }

  /** What a started provider runs: its id ({@code embedded}, {@code server}) and PostgreSQL version. */
  public record Status(String provider, ServerVersion version) {}

  /**
   * The provider's status if a stage started it, without starting it (the console's health asks this on every
   * page view: answering must never cost a cluster start).
   */
  public Optional<Status> status() {
    ReplicaProvider p;
    synchronized (this) {
      p = provider;
    }
    return Optional.ofNullable(p).map(started -> new Status(started.id(), started.serverVersion()));
  }

  /**
   * The shared provider behind a view whose {@code close()} does nothing, for APIs that close the provider they
   * are given (e.g. {@code Snapshots.expected(Supplier, ...)}): only this holder stops it.
   */
  public ReplicaProvider borrowed() {
    ReplicaProvider p = get();
    return new ReplicaProvider() {
      @Override
      public String id() {
        return p.id();
      }

      @Override
      public ServerVersion serverVersion() {
        return p.serverVersion();
      }

      @Override
      public Replica create(SchemaSource schema) {
        return p.create(schema);
      }

      @Override
      public Replica create(SchemaSource schema, java.time.Duration statementBudget) {
        return p.create(schema, statementBudget);
      }

      @Override
      public void close() {
        // borrowed: the holder owns the provider
      }
    };
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (provider != null) {
      try {
        provider.close();
      } catch (RuntimeException e) {
        LOG.warn("could not stop the replica provider cleanly: {}", e.toString());
      }
      provider = null;
    }
  }
}
