"""The user's config file: ``config.toml`` in the platform's config directory.

    [keymap]
    # binding id = keys (comma-separated), as `?` help lists them
    "documents.open" = "enter,l"
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import platformdirs


def config_path() -> Path:
    return Path(platformdirs.user_config_dir("claimscope", appauthor=False)) / "config.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The ``[keymap]`` table, and a problem to show the user if the file is broken."""
    path = path or config_path()
    if not path.is_file():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return {}, f"{path}: ignored ({e})"
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        return {}, f"{path}: [keymap] must be a table"
    return {str(k): str(v) for k, v in keymap.items()}, None
