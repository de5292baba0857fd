DROP INDEX versions_to_semver_no_prerelease_idx;
DROP FUNCTION to_semver_no_prerelease(text);
DROP TYPE semver_triple;
