package dev.schemawarden.analyzers.api;

import java.util.Arrays;

/**
 * The kind of a {@link Change}, spelled out for reports: the JSON {@code change} value is {@link #jsonName()},
 * fixed here, so renaming a Java type never changes a report. One constant per {@code Change} record
 * ({@code ChangeKindTest} checks there is no record without one).
 */
public enum ChangeKind {
  CREATE_TABLE("create_table", Change.CreateTable.class),
  ALTER_TABLE("alter_table", Change.AlterTable.class),
  CREATE_INDEX("create_index", Change.CreateIndex.class),
  REINDEX("reindex", Change.Reindex.class),
  DROP("drop", Change.Drop.class),
  RENAME("rename", Change.Rename.class),
  CREATE_TYPE("create_type", Change.CreateType.class),
  ADD_ENUM_VALUE("add_enum_value", Change.AddEnumValue.class),
  RENAME_ENUM_VALUE("rename_enum_value", Change.RenameEnumValue.class),
  CREATE_DOMAIN("create_domain", Change.CreateDomain.class),
  ALTER_DOMAIN("alter_domain", Change.AlterDomain.class),
  TRUNCATE("truncate", Change.Truncate.class),
  VACUUM("vacuum", Change.Vacuum.class),
  CLUSTER("cluster", Change.Cluster.class),
  CREATE_VIEW("create_view", Change.CreateView.class),
  REFRESH_MATERIALIZED_VIEW("refresh_materialized_view", Change.RefreshMaterializedView.class),
  CREATE_EXTENSION("create_extension", Change.CreateExtension.class),
  TRANSACTION("transaction", Change.Transaction.class),
  SET_PARAMETER("set_parameter", Change.SetParameter.class),
  DATA_CHANGE("data_change", Change.DataChange.class),
  PRIVILEGE_CHANGE("privilege_change", Change.PrivilegeChange.class),
  META_COMMAND("meta_command", Change.MetaCommand.class),
  OTHER("other", Change.Other.class),
  UNKNOWN("unknown", Change.Unknown.class);

  private final String jsonName;
  private final Class<? extends Change> type;

  ChangeKind(String jsonName, Class<? extends Change> type) {
    this.jsonName = jsonName;
    this.type = type;
  }

  /** The report's name for this kind, e.g. {@code create_index}. */
  public String jsonName() {
    return jsonName;
  }

  public static ChangeKind of(Change change) {
    return Arrays.stream(values())
        .filter(k -> k.type.isInstance(change))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no ChangeKind for " + change.getClass().getName()));
  }
}
