"""The demo data set: each module contributes a `demo.py` with `load(ctx)`, run in dependency order.

Everything created here is invented (except public helpline numbers from the seed note)
and marked as demo where the model has such a flag.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import Organisation, User

DEMO_PASSWORD = "ctims-demo-2026"  # noqa: S105 - published in the README, demo accounts only

# Order matters: a module may use what an earlier one created (through ctx).
MODULES = ["accounts", "directory", "intake", "protection", "investigations", "links", "training", "programme",
           "stats", "retention", "approvals", "notifications", "worklists", "supervision"]


@dataclass
class DemoContext:
    """Shared handles between the modules' demo loaders."""

    rng: random.Random = field(default_factory=lambda: random.Random(20220614))
    organisations: dict[str, Organisation] = field(default_factory=dict)  # by code
    users: dict[str, User] = field(default_factory=dict)  # by username
    extra: dict[str, Any] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.log.append(line)


def load_all(ctx: DemoContext | None = None, modules: list[str] | None = None) -> DemoContext:
    ctx = ctx or DemoContext()
    for name in modules or MODULES:
        try:
            module = importlib.import_module(f"{name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.demo":
                raise
            continue
        module.load(ctx)
    return ctx
