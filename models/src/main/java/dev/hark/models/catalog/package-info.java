/**
 * The catalogue of known models (files, sha256, front end, tensor names, labels) and where Hark finds
 * their files at run time: the user's model directory, then the copies packed into the models jar.
 */
package dev.hark.models.catalog;
