/**
 * The README's test: every command block of README.md run with the built {@code hark} launcher and its output
 * compared ({@link dev.hark.readme.ReadmeExamplesTest}), and the launcher itself ({@link dev.hark.readme.LauncherTest}).
 */
package dev.hark.readme;
