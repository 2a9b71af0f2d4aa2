"""Protection's case workers and cases, and intake's hotline, for the supervision stories."""

from intake.tests.conftest import log_call, lublin  # noqa: F401
from protection.tests.conftest import _media, iom_worker, ls_worker, make_case, share  # noqa: F401
