/**
 * Finding what a change touches: the git command line for refs, or two directories on disk; and for the service,
 * a cache of bare partial clones from which the two trees of a review are written.
 */
package dev.schemawarden.app.git;
