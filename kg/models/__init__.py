"""Trained statistical models shipped with kg (see README.md in this folder)."""
