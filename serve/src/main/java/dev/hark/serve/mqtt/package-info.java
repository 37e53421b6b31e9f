/**
 * The MQTT output of {@code hark serve}: events, on/off states and the sound level published to a broker through
 * Eclipse Paho, with Home Assistant MQTT discovery, availability and a last will; topics in {@link dev.hark.serve.mqtt.Topics}.
 */
package dev.hark.serve.mqtt;
