"""Benchmarks with the budgets of DESIGN.md: ``python -m bench`` runs every ``bench_*.py``."""
