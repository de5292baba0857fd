/**
 * YAML read into a small tree whose every key and value knows its 1-based line, so configuration and policy
 * problems can name the line (Jackson's {@code JsonNode} forgets locations). Shared by {@code .schemawarden.yml}
 * (app) and the policy and context files (rules).
 */
package dev.schemawarden.analyzers.api.yaml;
