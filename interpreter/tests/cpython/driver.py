# Runs one module of CPython's Lib/test under pygc (started by `run`):
# loads its tests with unittest's loader and prints one line per test,
# "@@ <outcome> <test id>" (outcome: pass, fail, error, skip, xfail, xpass),
# then "@@ done". A test with failing subtests is one failure (the first
# failing subtest's detail). Usage: pygc driver.py test_module
import sys
import unittest

name = sys.argv[1]


class LineResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.sub_failed = set()

    def _out(self, outcome, test, detail=""):
        tid = test.id() if hasattr(test, "id") else str(test)
        detail = " ".join(str(detail).split())[:200]
        print(f"@@ {outcome} {tid} | {detail}", flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._out("pass", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._out("fail", test, f"{err[0].__name__}: {err[1]}")

    def addError(self, test, err):
        super().addError(test, err)
        self._out("error", test, f"{err[0].__name__}: {err[1]}")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._out("skip", test, reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._out("xfail", test)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._out("xpass", test)

    def addSubTest(self, test, subtest, err):
        # A test counts once: its first failing subtest fails it (later
        # ones are not counted again), as a test without subtests.
        super().addSubTest(test, subtest, err)
        if err is not None and test.id() not in self.sub_failed:
            self.sub_failed.add(test.id())
            kind = "fail" if issubclass(err[0], test.failureException) else "error"
            where = subtest._subDescription()
            self._out(kind, test, f"{where}: {err[0].__name__}: {err[1]}")


def main():
    try:
        __import__("test." + name)
        mod = sys.modules["test." + name]
    except unittest.SkipTest as e:
        msg = " ".join(str(e).split())[:200]
        print(f"@@ skip test.{name} | module skipped: {msg}", flush=True)
        print("@@ done", flush=True)
        return
    except BaseException as e:
        msg = " ".join(str(e).split())[:200]
        print(f"@@ error test.{name} | import: {type(e).__name__}: {msg}", flush=True)
        print("@@ done", flush=True)
        return
    loader = unittest.TestLoader()
    suite = loader.loadTestsFromModule(mod)
    result = LineResult()
    suite.run(result)
    print("@@ done", flush=True)


main()
