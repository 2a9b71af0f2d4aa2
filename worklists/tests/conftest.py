"""Protection's people and cases and intake's police staff and calls, for bulk-work stories."""

from intake.tests.conftest import analyst, log_call, lublin, operator, police  # noqa: F401
from protection.tests.conftest import _media, iom_worker, ls_worker, make_case, share  # noqa: F401
