/**
 * What outputs share: bounded worker queues that never make detection wait, the live message hub, the JSON of the
 * service's records and the back-off of MQTT and webhooks (their queues are {@link dev.hark.live.queue.Handover}s).
 */
package dev.hark.serve.sink;
