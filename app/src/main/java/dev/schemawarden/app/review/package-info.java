/**
 * {@link dev.schemawarden.app.review.ReviewService}: the one review pipeline the CLI, the GitHub Action and the
 * webhook service call.
 */
package dev.schemawarden.app.review;
