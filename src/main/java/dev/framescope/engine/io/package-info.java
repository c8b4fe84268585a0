/**
 * The session file's shape of a connection's settings: {@link dev.framescope.engine.io.ConnectionSetup} (template,
 * options and environment as the file keeps them) and the trees it is written as. The other file formats live in
 * {@code capture.io}, but {@code capture} may not name engine types, so these sit one step above the engine: they
 * read and write engine records, and nothing in {@code engine} itself uses them.
 */
package dev.framescope.engine.io;
