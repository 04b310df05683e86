#!/usr/bin/env python3
"""Turn a directive as chidao's samples write it (Markdown, one paragraph a
line) into the Markdown pandoc reads as a clerk's Word document: the
header and the signature block as two-column tables without borders,
numbered items as Word's own numbered lists (I. → 1. → a)), footnotes as
Word footnotes, bold kept. Only the form changes; every word stays.

usage: clerk.py [--typed] IN.md > OUT.pandoc.md

--typed writes the items' numbers as typed text, not Word lists: LibreOffice
loses the continuation of pandoc's lists when it saves them as Word 97–2003
(.doc), as a clerk's typed numbers are not lost.
"""
import re
import sys

ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(.*)$")
ARABIC = re.compile(r"^(?:\*\*)?(\d{1,2})\.(?:\*\*)?\s+(.*)$")
LETTER = re.compile(r"^([a-zđ])\)\s+(.*)$")
NOTE_DEF = re.compile(r"^<sup>(\d+)</sup>\s*(.*)$")


def paragraphs(text):
    """The text's paragraphs: runs of lines between blank lines."""
    out, cur = [], []
    for line in text.splitlines():
        line = line.rstrip()
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
        elif line.startswith("<!--"):
            continue
        else:
            cur.append(line)
    if cur:
        out.append(cur)
    return out


def cell(lines):
    """A grid table cell's lines: each line of the sample is a paragraph."""
    return [l.replace("  ", " ").strip() for l in lines]


def grid(left, right):
    """A headerless grid table of two columns, one paragraph a line; with
    --typed, the columns' paragraphs one after the other (LibreOffice also
    merges a table's cells when it saves .doc)."""
    if TYPED:
        return "\n\n".join(l.replace("- ", "\\- ", 1) if l.startswith("- ") else l for l in left + right)
    # The page's full width (pandoc reads a table wider than 72 columns as
    # spanning the text), the left column about 45% of it.
    lw = max([len(l) for l in left] + [34]) + 2
    rw = max([len(l) for l in right] + [78 - lw - 2]) + 2
    rows = []
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else ""
        r = right[i] if i < len(right) else ""
        rows.append((l, r))
    sep = "+" + "-" * lw + "+" + "-" * rw + "+"
    out = [sep]
    for k, (l, r) in enumerate(rows):
        out.append("| " + l.ljust(lw - 2) + " | " + r.ljust(rw - 2) + " |")
        if k + 1 < len(rows):
            out.append("| " + " " * (lw - 2) + " | " + " " * (rw - 2) + " |")
    out.append(sep)
    return "\n".join(out)


def split_header(paras):
    """The header's paragraphs up to the title or Kính gửi, by column."""
    left, right, k = [], [], 0
    for k, p in enumerate(paras):
        first = re.sub(r"[*#_]", "", p[0]).strip()
        if first.startswith(("CỘNG HÒA", "Độc lập")) or re.search(r", ngày", first):
            right += cell(p)
        elif first.startswith(("ỦY BAN", "UỶ BAN", "UBND", "HUYỆN", "Số:", "V/v")) or (left and left[-1].startswith("V/v") is False and first.startswith("Số")):
            left += cell(p)
        else:
            return left, right, k
    return left, right, len(paras)


TYPED = "--typed" in sys.argv


def body(paras):
    """The body's paragraphs as pandoc Markdown: items nested as the
    numbering nests them (I. → 1. → a)), each indented to its parent's
    text, footnotes as pandoc footnotes."""
    out = []
    stack = []  # (depth, the column the item's text starts at)
    for p in paras:
        if all(l.startswith("- ") for l in p):
            out.append("\n".join(p))
            continue
        if len(p) > 1:
            # One paragraph a line, as the samples write them.
            out += body([[l] for l in p])
            continue
        text = p[0]
        m = NOTE_DEF.match(text)
        if m:
            out.append(f"[^{m.group(1)}]: {m.group(2)}")
            continue
        text = re.sub(r"<sup>(\d+)</sup>", r"[^\1]", text)
        for rx, depth in ((ROMAN, 0), (ARABIC, 1), (LETTER, 2)):
            m = rx.match(text)
            if m and TYPED:
                # A backslash keeps pandoc from making it a list.
                out.append(m.group(1) + ("\\)" if rx is LETTER else "\\.") + " " + m.group(2))
                break
            if m:
                marker = m.group(1) + (")" if rx is LETTER else ".")
                # pandoc: a capital and a period need two spaces after.
                marker += "  " if rx is ROMAN else " "
                stack = [s for s in stack if s[0] < depth]
                ind = stack[-1][1] if stack else 0
                stack.append((depth, ind + len(marker)))
                out.append(" " * ind + marker + m.group(2))
                break
        else:
            if text.startswith(("UBND", "Trên đây")) or not stack:
                stack = []
                out.append(text)
            else:
                out.append(" " * stack[-1][1] + text)
    return out


def main():
    paras = paragraphs(open(sys.argv[-1], encoding="utf-8").read())
    left, right, k = split_header(paras)
    rest = paras[k:]
    # The signature block: Nơi nhận and its list on the left, the signer's
    # authority, title and name on the right.
    plain = lambda l: re.sub(r"\*", "", l).strip()
    foot = next((i for i, p in enumerate(rest) if plain(p[0]).startswith("Nơi nhận")), len(rest))
    sign_left, sign_right = [], []
    for p in rest[foot:]:
        if plain(p[0]).startswith("Nơi nhận") or p[0].startswith("- "):
            sign_left += [plain(l) for l in p]
        else:
            sign_right += ["**" + plain(l) + "**" for l in p]
    print(grid(left, right))
    print()
    print("\n\n".join(body(rest[:foot])))
    print()
    print(grid(sign_left, sign_right))


if __name__ == "__main__":
    main()
