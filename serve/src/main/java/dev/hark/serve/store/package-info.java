/**
 * The event store: SQLite (WAL) with a versioned schema, and the writer thread that keeps detection from waiting on
 * it.
 */
package dev.hark.serve.store;
