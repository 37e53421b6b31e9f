/**
 * Hark's sound concepts on the AudioSet labels: the ontology packed with YAMNet, the concept catalogue
 * resource, and the resolution of concepts (catalogue plus the user's) into a classifier's score columns.
 */
package dev.hark.models.concepts;
