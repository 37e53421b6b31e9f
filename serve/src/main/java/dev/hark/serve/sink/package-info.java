/**
 * What outputs share: bounded worker queues that never make detection wait, the live message hub, the level
 * meter, and the JSON of the service's records.
 */
package dev.hark.serve.sink;
