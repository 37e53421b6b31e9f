/**
 * Test support shared by the modules' tests: the location of {@code ../shared} and raw float32 fixtures,
 * and assumptions that skip a test cleanly when an optional tool is missing.
 */
package dev.hark.testkit;
