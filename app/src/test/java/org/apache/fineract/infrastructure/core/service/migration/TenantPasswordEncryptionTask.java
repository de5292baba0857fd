package org.apache.fineract.infrastructure.core.service.migration;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * Test stand-in for Fineract's class of this name (it re-encrypts tenant passwords and changes no schema): lets
 * Liquibase itself parse and run the vendored Fineract history (histories/fineract). Schema Warden never loads it.
 */
public class TenantPasswordEncryptionTask implements CustomTaskChange {
  @Override
  public void execute(Database database) {
    // Fineract re-encrypts passwords here; no schema change.
  }

  @Override
  public String getConfirmationMessage() {
    return "TenantPasswordEncryptionTask (test stand-in)";
  }

  @Override
  public void setUp() {
    // nothing to set up
  }

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {
    // no files
  }

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
