// patchproof's script-job helper for node: `const job = require('patchproof-job')`.
// The job's input and variables arrive root-owned in /workspace/code/job/context.json; what the
// script sets is written to /workspace/patchproof-job/result.json after every change (patchproof reads it).
//   job.input()              the input (any JSON value, null when none was given)
//   job.variables()          all variables (an object of strings)
//   job.getVar(name)         one variable, undefined when unset
//   job.setVar(name, value)  set a variable (kept as a string)
//   job.output(value)        the job's output (any JSON value)
//   job.condition(text)      the condition the caller branches on
'use strict';
const fs = require('fs');
const path = require('path');

const CONTEXT = '/workspace/code/job/context.json';
const OUT = '/workspace/patchproof-job';
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const context = JSON.parse(fs.readFileSync(CONTEXT, 'utf8'));
const state = { variables: { ...(context.variables || {}) } };

function write() {
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = path.join(OUT, 'result.tmp');
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, path.join(OUT, 'result.json'));
}

module.exports = {
  input: () => (context.input === undefined ? null : context.input),
  variables: () => ({ ...state.variables }),
  getVar: (name) => state.variables[name],
  setVar(name, value) {
    if (typeof name !== 'string' || !NAME.test(name)) throw new Error(`patchproof job: bad variable name: ${String(name)}`);
    state.variables[name] = typeof value === 'string' ? value : JSON.stringify(value);
    write();
  },
  output(value) {
    state.output = value === undefined ? null : value;
    write();
  },
  condition(text) {
    state.condition = String(text);
    write();
  },
};
write();
