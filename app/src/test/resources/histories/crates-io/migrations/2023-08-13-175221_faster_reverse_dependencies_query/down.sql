ALTER TABLE versions DROP COLUMN IF EXISTS semver_no_prerelease;
