/**
 * The microphone latency benchmark ({@code hark-bench latency}): a PulseAudio null sink as a real-time virtual
 * microphone ({@link dev.hark.bench.latency.VirtualMicrophone}), the real {@code hark listen} on it as a child process
 * ({@link dev.hark.bench.latency.ListenProcess}), its CPU time by thread ({@link dev.hark.bench.latency.ThreadCpu}), and
 * the matching of its onset lines to the sounds played
 * ({@link dev.hark.bench.latency.OnsetLatencies}).
 */
package dev.hark.bench.latency;
