/**
 * Settings of the live listener ({@code hark listen} and the Detector library API): immutable records with
 * defaults and validation, and their file form (properties or YAML) with command-line overrides.
 */
package dev.hark.config.listen;
