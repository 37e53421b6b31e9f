// Driver of `hark-bench ort-parity`: runs yamnet.onnx through onnxruntime-node (ONNX Runtime's Node binding).
// Arguments: MODEL.onnx PATCHES.f32 (little-endian float32 patches of 96x64, as many as the largest batch).
// Stdin: "version" (reply: onnxruntime-node's version) or one line per measurement, "THREADS BATCH WARMUP_SECONDS SECONDS";
// stdout: one line "PATCHES NANOS FIRST CPU_MICROS" (FIRST: the first embedding's first value, so both sides can be
// checked to compute the same thing; CPU_MICROS: the process's CPU time, user and system, during the measurement).
// Timed per run, as on Hark's side: the run and reading its output; the input tensor is made once, before.
// Sessions use ONNX Runtime's defaults except the thread counts and sequential execution.
'use strict';
const ort = require('onnxruntime-node');
const fs = require('fs');
const readline = require('readline');

const [modelPath, patchPath] = process.argv.slice(2);
const raw = fs.readFileSync(patchPath);
const all = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
const patchValues = 96 * 64;
const sessions = new Map();

async function session(threads) {
  if (!sessions.has(threads)) {
    sessions.set(threads, await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
    }));
  }
  return sessions.get(threads);
}

async function measure(s, batch, seconds) {
  const input = new ort.Tensor('float32', all.subarray(0, batch * patchValues), [batch, 96, 64]);
  const budget = BigInt(Math.round(seconds * 1e9));
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let n = 0;
  let first = 0;
  let elapsed;
  do {
    const out = await s.run({ log_mel_patch: input });
    first = out.embedding.data[0];
    n += batch;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  const used = process.cpuUsage(cpu);
  return [n, elapsed, first, used.user + used.system];
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === 'version') {
      process.stdout.write(`${ort.env.versions.node}\n`);
      continue;
    }
    const [threads, batch, warmup, seconds] = line.trim().split(/\s+/).map(Number);
    const s = await session(threads);
    await measure(s, batch, warmup);
    const [n, nanos, first, cpuMicros] = await measure(s, batch, seconds);
    process.stdout.write(`${n} ${nanos} ${first} ${cpuMicros}\n`);
  }
}

main().catch((e) => { process.stderr.write(`ort-parity.js: ${e.message}\n`); process.exit(1); });
