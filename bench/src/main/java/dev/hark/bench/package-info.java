/**
 * The {@code hark-bench} tool: benchmarks of the audio reader, the front end, the embedders, the learning commands
 * and the live listener. Each prints what it measured on this machine, with the machine's load.
 */
package dev.hark.bench;
