/**
 * The service's configuration: one small class per section of {@code hark.yaml} (store, clips, http, dataset), the
 * one reader of a section's keys ({@code Section}, which mqtt and webhooks use too), the file split into its
 * sections, and the tuning the API changes at run time.
 */
package dev.hark.serve.config;
