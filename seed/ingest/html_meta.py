"""What a web page's markup says of the article: title, author, date, site name,
publisher and address.  Read from the markup only (meta tags, JSON-LD, the
canonical link): trafilatura's extensive date search also reads dates out of the
body text, and a date in a sentence is not when the article appeared."""
from __future__ import annotations

import json

KEYS = ("title", "author", "date", "sitename", "url")


def page_meta(raw: str) -> dict:
    import trafilatura

    meta: dict = {}
    try:
        m = trafilatura.extract_metadata(raw, extensive=False)
    except Exception:  # noqa: BLE001 - a metadata failure must not lose the article
        m = None
    if m is not None:
        for key in KEYS:
            value = getattr(m, key, None)
            if value:
                meta[key] = value
    if "sitename" not in meta and (publisher := _publisher(raw)):
        meta["publisher"] = publisher
    return meta


def _publisher(raw: str) -> str | None:
    """The publisher a page names in a ``publisher`` meta tag or its JSON-LD."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(raw)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk
        return None
    for value in tree.xpath("//meta[@name='publisher' or @property='og:publisher']/@content"):
        if value.strip() and "://" not in value:
            return value.strip()
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            publisher = item.get("publisher") if isinstance(item, dict) else None
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and name.strip():
                return name.strip()
    return None
