/**
 * What outputs share: bounded worker queues that never make detection wait, the live message hub, the level
 * meter, the JSON of the service's records, the outbox and back-off of MQTT and webhooks, and the reader of one
 * section of {@code hark.yaml}.
 */
package dev.hark.serve.sink;
