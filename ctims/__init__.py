"""CTIMS: the Counter-Trafficking Information Management System (project package)."""
