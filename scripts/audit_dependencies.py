"""Check every locked dependency against the known-vulnerability database (pip-audit).

Usage: python scripts/audit_dependencies.py REQUIREMENTS [--strict]

REQUIREMENTS is the lock file exported as pinned requirements (`make audit` does that). Exits 1
when any dependency has a known vulnerability, listing each with the versions that fix it.
A dependency the service could not look up is listed too; with --strict (or AUDIT_STRICT=1)
that also fails, so a CI with network access can insist that everything was checked. Without
it, an unreachable service is reported loudly but does not fail the build.
"""

import json
import os
import subprocess
import sys
import tempfile


def verdict(report, strict):
    """(exit status, lines to print) for pip-audit's JSON report."""
    vulnerable, unchecked, checked = [], [], 0
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            unchecked.append(f"  {dependency['name']}: {dependency['skip_reason']}")
            continue
        checked += 1
        for vulnerability in dependency.get("vulns", []):
            fixes = ", ".join(vulnerability.get("fix_versions") or []) or "no fixed release yet"
            vulnerable.append(
                f"  {dependency['name']} {dependency['version']}: {vulnerability['id']} "
                f"(fixed in {fixes})"
            )
    lines = [f"{checked} dependencies checked, {len(unchecked)} could not be looked up."]
    if vulnerable:
        lines += ["Known vulnerabilities:", *vulnerable]
    if unchecked:
        lines += ["Not checked (the vulnerability service did not know them or was unreachable):"]
        lines += unchecked
    failed = bool(vulnerable) or (strict and bool(unchecked))
    lines.append("FAILED" if failed else "OK: no known vulnerability in what was checked")
    return (1 if failed else 0), lines


def main(argv):
    requirements = argv[1]
    strict = "--strict" in argv or os.environ.get("AUDIT_STRICT") == "1"
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        # Every pin comes from the lock file, so pip-audit need not resolve anything itself.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                requirements,
                "--no-deps",
                "--disable-pip",
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                output.name,
            ],
            check=False,
        )
        with open(output.name) as handle:
            report = json.load(handle)
    status, lines = verdict(report, strict)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
