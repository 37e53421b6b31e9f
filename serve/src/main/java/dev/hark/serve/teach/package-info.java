/**
 * Teaching from the dashboard: examples and background recorded from the running detector's own stream into the
 * teaching folder, a head trained on it in the background, and its progress as JSON for the page.
 */
package dev.hark.serve.teach;
