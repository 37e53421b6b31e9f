/**
 * What the service's outputs (MQTT, webhooks) share: the bounded outbox that never blocks detection, the JSON of
 * one event, the reconnection back-off, and the reader of one section of {@code hark.yaml}.
 */
package dev.hark.serve.sink;
