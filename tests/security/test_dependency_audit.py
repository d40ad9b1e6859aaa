"""The dependency audit's decision (scripts/audit_dependencies.py) on pip-audit's JSON report."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CLEAN = {"name": "wagtail", "version": "7.4.4", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "5.2.0",
    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": []}],
}
UNKNOWN = {"name": "polib", "skip_reason": "Dependency not found on PyPI and could not be audited"}


def test_a_known_vulnerability_fails_the_audit_and_names_the_fix():
    status, lines = audit.verdict({"dependencies": [CLEAN, VULNERABLE]}, strict=False)
    assert status == 1
    assert "  django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)" in lines
    assert lines[-1] == "FAILED"


def test_clean_dependencies_pass():
    status, lines = audit.verdict({"dependencies": [CLEAN]}, strict=True)
    assert status == 0
    assert lines[0] == "1 dependencies checked, 0 could not be looked up."


def test_a_dependency_that_could_not_be_looked_up_is_reported_and_fails_only_when_strict():
    report = {"dependencies": [CLEAN, UNKNOWN]}
    status, lines = audit.verdict(report, strict=False)
    assert status == 0
    assert any(line.startswith("  polib:") for line in lines)
    assert audit.verdict(report, strict=True)[0] == 1
