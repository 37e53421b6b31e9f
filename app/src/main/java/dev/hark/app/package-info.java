/**
 * The command line: one class per subcommand, and the formatting of what they print. Thin: it parses
 * options, wires up what the library offers and prints.
 */
package dev.hark.app;
