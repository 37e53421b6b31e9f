/**
 * Settings of the live listener ({@code hark listen} and the Detector library API): immutable records with
 * defaults, builders, validation in the records' constructors, and their file form (properties or YAML) with
 * command-line overrides, parsed through the same builders.
 */
package dev.hark.config.listen;
