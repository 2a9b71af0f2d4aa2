"""Protection's people and cases (IOM and La Strada case workers, a registered case, consent to share)."""

from protection.tests.conftest import _media, iom_worker, ls_worker, make_case, share  # noqa: F401
