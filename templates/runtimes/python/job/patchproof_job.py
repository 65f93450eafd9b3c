"""patchproof's script-job helper for python: `import patchproof_job as job`.

The job's input and variables arrive root-owned in /workspace/code/job/context.json; what the
script sets is written to /workspace/patchproof-job/result.json after every change (patchproof reads it).
  job.input()              the input (any JSON value, None when none was given)
  job.variables()          all variables (a dict of strings)
  job.get_var(name)        one variable, None when unset
  job.set_var(name, value) set a variable (kept as a string)
  job.output(value)        the job's output (any JSON value)
  job.condition(text)      the condition the caller branches on
"""
import json
import os
import re

_CONTEXT = "/workspace/code/job/context.json"
_OUT = "/workspace/patchproof-job"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")

with open(_CONTEXT, encoding="utf-8") as _f:
    _context = json.load(_f)
_state = {"variables": dict(_context.get("variables") or {})}


def _write():
    os.makedirs(_OUT, exist_ok=True)
    tmp = os.path.join(_OUT, "result.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(_state, f)
    os.replace(tmp, os.path.join(_OUT, "result.json"))


def input():  # noqa: A001 - the helper's vocabulary
    return _context.get("input")


def variables():
    return dict(_state["variables"])


def get_var(name):
    return _state["variables"].get(name)


def set_var(name, value):
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError("patchproof job: bad variable name: %r" % (name,))
    _state["variables"][name] = value if isinstance(value, str) else json.dumps(value)
    _write()


def output(value):
    json.dumps(value)  # refuse what is not JSON here, in the script, not after
    _state["output"] = value
    _write()


def condition(text):
    _state["condition"] = str(text)
    _write()


_write()
