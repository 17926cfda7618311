"""Figures: takes a parsed Doc and gives the numbers it reports about people,
losses, money, distances, shares and munitions, each with its value range,
unit, qualifier and counted subject."""
from .phrases import extract_figures

__all__ = ["extract_figures"]
