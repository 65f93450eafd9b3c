"""
patchproof's witness of a pytest run: each test's outcome as the runner first saw it, written
to a record of its own (JSON lines) that the pipeline reads beside the JUnit report
(src/toolchains/python/pytest-outcome-record.ts). A report claiming a pass this record saw as
a failure, or more passes than it saw, is not believed.

Where it looks. The launcher registers it before any conftest.py, and each of its hooks is a
trylast wrapper, registered again once every conftest is loaded: the innermost wrapper when the
tests run. So it sees the exception a test
phase raised, call.excinfo before and after the report is made, and the report pytest made,
before a conftest wrapper rewrites it (rep.outcome = "passed") or clears call.excinfo. The
record opens with the number of tests collected and ends with an "end" line, so a run cut short
(os._exit, pytest.exit) or a plugin unregistered leaves a record that does not count.

What it cannot stop: it runs in the tests' own process. A plugin registered while the tests run
(from a fixture) can wrap inside it, a conftest can replace an item's runtest so that no
exception is raised, and any test can patch this module or rewrite its record. What those forge must then also agree with pytest's closing
line; the record raises the bar, it is no proof.
"""
import json
import sys

import pytest
from _pytest.outcomes import Skipped, XFailed
from _pytest.skipping import xfailed_key


class Witness:
    def __init__(self, path):
        self._file = open(path, "w", encoding="utf-8")
        self._raised = {}
        self._phases = {}

    def _write(self, entry):
        self._file.write(json.dumps(entry) + "\n")
        self._file.flush()

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session):
        self._write({"event": "collected", "count": len(session.items)})

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        # Every conftest is loaded by now. Registered again, this plugin's trylast wrappers are
        # put back inside any a conftest registered as trylast (pluggy puts the newest innermost).
        manager = session.config.pluginmanager
        name = manager.get_name(self)
        manager.unregister(self)
        manager.register(self, name)

    def _phase_raised(self, item, when, outcome):
        if outcome.excinfo is not None:
            self._raised[(item.nodeid, when)] = outcome.excinfo[1]

    @pytest.hookimpl(hookwrapper=True, trylast=True)
    def pytest_runtest_setup(self, item):
        outcome = yield
        self._phase_raised(item, "setup", outcome)

    @pytest.hookimpl(hookwrapper=True, trylast=True)
    def pytest_runtest_call(self, item):
        outcome = yield
        self._phase_raised(item, "call", outcome)

    @pytest.hookimpl(hookwrapper=True, trylast=True)
    def pytest_runtest_teardown(self, item):
        outcome = yield
        self._phase_raised(item, "teardown", outcome)

    @pytest.hookimpl(hookwrapper=True, trylast=True)
    def pytest_runtest_makereport(self, item, call):
        before = call.excinfo.value if call.excinfo is not None else None
        outcome = yield
        after = call.excinfo.value if call.excinfo is not None else None
        raised = self._raised.pop((item.nodeid, call.when), None)
        made = "failed" if outcome.excinfo is not None else outcome.get_result().outcome
        seen = [e for e in (raised, before, after) if e is not None]
        phases = self._phases.setdefault(item.nodeid, {})
        phases[call.when] = phase_outcome(item, seen, made)
        if call.when == "teardown":
            self._write({"event": "test", "nodeid": item.nodeid, "phases": self._phases.pop(item.nodeid)})

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        self._write({"event": "end"})

    def pytest_unconfigure(self):
        self._file.close()


def phase_outcome(item, seen, made):
    """passed, failed, skipped or xfailed (a failure the test is marked to expect)."""
    failures = [e for e in seen if not is_skip(e)]
    if not failures and made != "failed":
        return "skipped" if seen or made == "skipped" else "passed"
    return "xfailed" if expected(item, failures[0] if failures else None) else "failed"


def is_skip(error):
    unittest = sys.modules.get("unittest")
    return isinstance(error, Skipped) or (unittest is not None and isinstance(error, unittest.SkipTest))


def expected(item, error):
    """As _pytest/skipping.py decides it (pytest 7.2): pytest.xfail(), or an xfail mark that matches."""
    if item.config.option.runxfail:
        return False
    if isinstance(error, XFailed):
        return True
    xfailed = item.stash.get(xfailed_key, None)
    if not xfailed:
        return False
    return xfailed.raises is None or (error is not None and isinstance(error, xfailed.raises))
