"""Turning each source format into plain article text: HTML through trafilatura's main-content
extraction, Markdown by removing its markup, plain text by stripping page chrome.

Each returns the article text and any metadata the format itself declares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from overture.corpus.boilerplate import strip_page_chrome
from overture.errors import InputError, SourceLocation


@dataclass(frozen=True)
class ExtractedText:
    """Article text of one source, metadata declared by the format, and what was removed."""

    text: str
    declared: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)


def extract_html(html: str, path: str) -> ExtractedText:
    """Main content of an HTML page (no navigation, comments or ads) and its metadata."""
    import trafilatura

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        output_format="txt",
    )
    if not text or not text.strip():
        raise InputError("no article text found in this HTML page", SourceLocation(path))
    declared: dict[str, str] = {}
    meta = trafilatura.extract_metadata(html)
    if meta is not None:
        for key, value in (
            ("title", meta.title),
            ("date", meta.date),
            ("speaker", meta.author),
            ("publisher", meta.sitename),
        ):
            if isinstance(value, str) and value.strip():
                declared[key] = value.strip()
    # trafilatura puts one paragraph per line; separate them by empty lines like the others.
    paragraphs = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    body = "\n\n".join(p for p in paragraphs if p)
    title = declared.get("title")
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return ExtractedText(body, declared)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^(.+)\n(?:=+|-+)[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]+\S+.*$\n?", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*")
_UNDERSCORE_EM = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")
_BLOCKQUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)


def extract_markdown(source: str, path: str) -> ExtractedText:
    """Plain text of a Markdown document; YAML front matter gives title/date/speaker/publisher."""
    declared: dict[str, str] = {}
    match = _FRONT_MATTER.match(source)
    if match:
        try:
            front = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else None
            raise InputError("malformed YAML front matter", SourceLocation(path, line)) from None
        if isinstance(front, dict):
            aliases = {"author": "speaker", "site": "publisher", "source": "publisher"}
            for key, value in front.items():
                name = aliases.get(str(key).lower(), str(key).lower())
                if name in {"title", "date", "speaker", "publisher", "kind"} and value:
                    declared.setdefault(name, str(value))
        source = source[match.end() :]
    text = _RULE.sub("", source)
    text = _SETEXT.sub(lambda m: m.group(1), text)
    text = _HEADING.sub(lambda m: m.group(2), text)
    text = _LINK_DEF.sub("", text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = _UNDERSCORE_EM.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _HTML_TAG.sub("", text)
    text = _BLOCKQUOTE.sub("", text)
    stripped = strip_page_chrome(text.replace("\r\n", "\n").replace("\r", "\n"))
    return ExtractedText(stripped.text, declared, stripped.removed)


def extract_text(source: str) -> ExtractedText:
    """Article text of a plain-text document or page dump, without the page's chrome."""
    stripped = strip_page_chrome(source.replace("\r\n", "\n").replace("\r", "\n"))
    return ExtractedText(stripped.text, {}, stripped.removed)


def extract(source: str, fmt: str, path: str) -> ExtractedText:
    """Dispatch on the format name ("html", "markdown" or "text")."""
    if fmt == "html":
        return extract_html(source, path)
    if fmt == "markdown":
        return extract_markdown(source, path)
    return extract_text(source)
