"""The test driver's reading of TAP results: skips are neither passes nor failures."""
import contextlib
import importlib.util
import io
import os
import unittest

TOP = os.path.join(os.path.dirname(__file__), "..", "..")
spec = importlib.util.spec_from_file_location("run_tests", os.path.join(TOP, "tools", "run-tests.py"))
run_tests = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_tests)


class TapResultTest(unittest.TestCase):
    def test_results(self):
        self.assertEqual(run_tests.tap_result("ok 1 - a"), ("a", "pass", ""))
        self.assertEqual(run_tests.tap_result("not ok 3 - c"), ("c", "fail", ""))
        self.assertEqual(run_tests.tap_result("ok 4 - d # SKIP no highmem"),
                         ("d", "skip", "no highmem"))

    def test_cmocka_skip(self):
        """cmocka's TAP output puts the name after the directive."""
        self.assertEqual(run_tests.tap_result("not ok 2 # SKIP b"), ("b", "skip", ""))

    def test_not_results(self):
        for line in ("1..3", "# not ok - t", "ok", "okay 1 - x"):
            self.assertIsNone(run_tests.tap_result(line), line)

    def test_counts(self):
        res = run_tests.Results()
        with contextlib.redirect_stdout(io.StringIO()):
            for status in ("pass", "fail", "skip", "skip", True, False):
                res.add("t", status)
        self.assertEqual((res.passed, res.failed, res.skipped), (2, 2, 2))


if __name__ == "__main__":
    unittest.main()
