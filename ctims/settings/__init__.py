"""Settings modules: `base` (shared), `dev` (demo and development), `test`, `production`."""
