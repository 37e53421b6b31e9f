/**
 * The one bounded hand-over between a producer that never waits and one consumer thread ({@code Handover}): the
 * capture thread's audio queue and each of hark serve's outputs (MQTT, webhooks) are built on it.
 */
package dev.hark.live.queue;
