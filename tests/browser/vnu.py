"""The Nu HTML Checker (node_modules/vnu-jar), run locally on saved pages; no network."""

import json
import subprocess
from pathlib import Path

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def html_errors(paths):
    """{file name: [error messages]} for the given HTML files, in one run of the checker."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = {Path(p).name: [] for p in paths}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        # "non-document-error": the checker could not read or parse the file at all.
        if message.get("type") in ("error", "non-document-error"):
            name = Path(message.get("url", "?").removeprefix("file:")).name
            errors.setdefault(name, []).append(
                f"{message.get('lastLine', '?')}: {message['message']}"
            )
    return errors
