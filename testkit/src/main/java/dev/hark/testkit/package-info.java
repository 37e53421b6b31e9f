/**
 * Test support shared by the modules' tests: the location of {@code ../shared} and raw float32 fixtures,
 * assumptions that skip a test cleanly when an optional tool is missing, and hostile {@code .hark} bundles
 * ({@code HostileBundles}: zip and deserialisation bombs) for the tests of the bundle loader; for
 * hark serve's tests a real mosquitto broker ({@code Mosquitto}), an MQTT client that records what it receives
 * ({@code MqttSubscriber}) and an HTTP receiver of webhooks ({@code WebhookReceiver}); {@code HelpText}, which
 * checks that no {@code --help} line splits a word.
 */
package dev.hark.testkit;
