// Runs a Hark head (head.onnx) in onnxruntime-node, another ONNX runtime than Hark's:
//   node ort-node-check.js HEAD.onnx ROWS.json  ->  {"probabilities": [[...], ...]} on stdout
// ROWS.json: {"width": W, "rows": [[W numbers], ...]}.
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const [head, rowsFile] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(rowsFile, 'utf8'));
  const flat = Float64Array.from(input.rows.flat());
  const session = await ort.InferenceSession.create(head);
  const out = await session.run({ rows: new ort.Tensor('float64', flat, [input.rows.length, input.width]) });
  const p = out.probabilities;
  const columns = p.dims[1];
  const rows = [];
  for (let i = 0; i < p.dims[0]; i++) {
    rows.push(Array.from(p.data.slice(i * columns, (i + 1) * columns)));
  }
  process.stdout.write(JSON.stringify({ probabilities: rows }) + '\n');
}

main().catch(e => { process.stderr.write(String(e) + '\n'); process.exit(1); });
