package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.SchemaSource;
import java.time.Duration;

/**
 * A provider whose replicas are clones on one {@link ReplicaCluster}: the server's version, the templates, the
 * clones and dropping the clones still open at close are the cluster's. A subclass says which server that is (an
 * embedded cluster, a server the user names, a container) and stops what it started.
 */
abstract class ClusterReplicaProvider implements ReplicaProvider {
  final ReplicaCluster cluster;

  ClusterReplicaProvider(ReplicaCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public ServerVersion serverVersion() {
    return cluster.version();
  }

  @Override
  public Replica create(SchemaSource schema) {
    return cluster.create(schema);
  }

  @Override
  public Replica create(SchemaSource schema, Duration statementBudget) {
    return cluster.create(schema, statementBudget);
  }

  /** Drops the clones still open; a subclass that started a server stops it after this. */
  @Override
  public void close() {
    cluster.closeAll();
  }
}
