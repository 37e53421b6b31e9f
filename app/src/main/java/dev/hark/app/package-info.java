/**
 * The command line (one class per subcommand), microphone capture, the live pipeline's threads
 * and outputs. Thin: it parses options and wires up what core and models offer.
 */
package dev.hark.app;
