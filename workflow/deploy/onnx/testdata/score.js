// Scores exported models with ONNX Runtime for the Go tests of
// workflow/deploy/onnx (onnx_runtime_test.go). It shares no code with the
// exporter: it only loads each .onnx file with onnxruntime-node and runs it.
//
// Usage: node score.js MANIFEST.json
//
// MANIFEST: {"runtime": "<folder holding node_modules/onnxruntime-node>",
//            "cases": [{"model": "a.onnx", "feeds": "a.json", "out": "a.out.json"}]}
// feeds:    {"rows": N, "inputs": [{"name": "x", "type": "double" | "string",
//            "values": [...]}]}; each input is fed as an [N, 1] tensor; doubles
//            are written as text ("1.5", "NaN", "Infinity", "-Infinity").
// out:      {"outputs": {"<name>": {"type": "...", "dims": [...],
//            "values": [...]}}}; doubles as text in the same form (String(x)).
// A model that fails to load or run writes {"error": "..."} instead.
'use strict';
const fs = require('fs');
const path = require('path');

const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const ort = require(path.join(manifest.runtime, 'node_modules', 'onnxruntime-node'));

function tensor(input, rows) {
  if (input.type === 'double') {
    return new ort.Tensor('float64', Float64Array.from(input.values, Number), [rows, 1]);
  }
  if (input.type === 'string') {
    return new ort.Tensor('string', input.values.slice(), [rows, 1]);
  }
  throw new Error('unknown input type ' + input.type);
}

function plain(t) {
  const values = Array.from(t.data, (v) => (typeof v === 'number' ? String(v) : typeof v === 'bigint' ? v.toString() : v));
  return { type: t.type, dims: Array.from(t.dims), values: values };
}

async function main() {
  for (const c of manifest.cases) {
    let result;
    try {
      const feeds = JSON.parse(fs.readFileSync(c.feeds, 'utf8'));
      const session = await ort.InferenceSession.create(c.model);
      const inputs = {};
      for (const input of feeds.inputs) {
        inputs[input.name] = tensor(input, feeds.rows);
      }
      const outs = await session.run(inputs);
      result = { outputs: {} };
      for (const name of Object.keys(outs)) {
        result.outputs[name] = plain(outs[name]);
      }
    } catch (e) {
      result = { error: String(e && e.message ? e.message : e) };
    }
    fs.writeFileSync(c.out, JSON.stringify(result));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
