/**
 * {@code warden mcp}: the governed gateway for AI agents over the Model Context Protocol (see docs/mcp.md). Every
 * tool call is identified ({@link dev.schemawarden.app.mcp.Agents}), checked, answered through the same review
 * pipeline, policy and audit log as a person's change, and recorded in the audit chain, allowed or refused.
 */
package dev.schemawarden.app.mcp;
