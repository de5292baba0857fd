/**
 * Applying merged migrations under guardrails ({@link dev.schemawarden.app.apply.ApplyService}): the policy decision
 * bound to the merged commit, a pre-apply check of the objects the migrations touch, an advisory lock, a
 * least-privilege check, execution through the repository's own tool with lock timeouts and bounded retries, a
 * rollback plan computed before anything runs, and an audit entry for every outcome.
 */
package dev.schemawarden.app.apply;
