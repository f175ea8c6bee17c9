"""The health report's shape: findings (error blocks training / warning / info) and statistics."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    severity: str
    code: str
    title: str
    message: str
    fix: str
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def to_text(self) -> str:
        line = f"{self.severity.upper()} {self.title}: {self.message}"
        return f"{line} Fix: {self.fix}" if self.fix else line


@dataclass
class HealthReport:
    findings: list[Finding]
    stats: dict[str, Any]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def by_severity(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    def to_dict(self) -> dict[str, Any]:
        return {"has_errors": self.has_errors,
                "findings": [asdict(f) for f in self.findings],
                "stats": _json_safe(self.stats)}

    def to_text(self) -> str:
        return "\n".join(f.to_text() for f in self.findings)


def read_warning(message: str, fix: str) -> dict:
    """Something a reader noticed but did not refuse (a repeated column name, a NUL byte), kept in
    `frame.attrs["warnings"]` until the health report turns it into a warning."""
    return {"message": message, "fix": fix}


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and value != value:
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.loads(json.dumps(value, default=str))
