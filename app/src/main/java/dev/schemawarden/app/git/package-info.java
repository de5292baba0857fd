/** Finding what a change touches: the git command line for refs, or two directories on disk. */
package dev.schemawarden.app.git;
