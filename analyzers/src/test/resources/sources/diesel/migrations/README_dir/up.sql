not a migration
