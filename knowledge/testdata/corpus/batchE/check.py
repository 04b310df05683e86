#!/usr/bin/env python3
"""Verify questions.jsonl against the documents in this folder.

For every question:
  * the document exists and the schema is right (kind, keys; not_in_doc has no items;
    task_number/deadline carry expect_deadline);
  * each expect_items id exists in the document's numbering (Roman sections, "Phần N.",
    "Điều N.", 1. / 1.1. / 1.1 and a) items, ids built as the numbering path: II.2.1, III.3.7,
    II.1.b, PHẦN 2.1 ...);
  * each expect_units and expect_text occurs in the document, diacritic-folded exactly as
    shared/tools/eval_qa.py folds;
  * each expect_deadline's day and month are written in the text (inside the span of one of the
    expected items when items are given, anywhere otherwise) and its year is written in that
    date or elsewhere in the document.
Prints one line per problem, the count per document and per kind, then 'N passed, N failed';
exit status 1 when anything failed.
"""
import json
import os
import re
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"task_number", "deadline", "assignee", "free_text", "meta", "not_in_doc"}


def fold(s):
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().replace("-", " ").split())


def norm_id(i):
    return str(i).strip().strip(".").upper()


RE_ROMAN = re.compile(r"^([IVXLC]+)\.\s")
RE_PHAN = re.compile(r"^Phần\s+(\d+)\.")
RE_DIEU = re.compile(r"^Điều\s+(\d+)\.")
RE_NESTED = re.compile(r"^(\d+(?:\.\d+)+)\.?\s")
RE_NUM = re.compile(r"^(\d+)[.)]\s")
RE_LETTER = re.compile(r"^([a-zđ])[).]\s")


def numbering(text):
    """Return {ID: [span, ...]}; an id printed twice (duplicate headings) keeps both spans."""
    lines = text.splitlines()
    entries = []  # (id, level, line index)
    section = None  # Roman numeral, PHẦN n or Điều n
    parent = None  # id of the last numbered (non-letter) item
    for i, raw in enumerate(lines):
        line = raw.strip()
        m = RE_ROMAN.match(line)
        if m:
            section, parent = m.group(1), None
            entries.append((section, 0, i))
            continue
        m = RE_PHAN.match(line)
        if m:
            section, parent = f"PHẦN {m.group(1)}", None
            entries.append((section, 0, i))
            continue
        m = RE_DIEU.match(line)
        if m:
            section, parent = m.group(1), None
            entries.append((section, 0, i))
            continue
        m = RE_NESTED.match(line)
        if m:
            path = m.group(1)
            iid = f"{section}.{path}" if section else path
            parent = iid
            entries.append((iid, 1 + path.count("."), i))
            continue
        m = RE_NUM.match(line)
        if m:
            iid = f"{section}.{m.group(1)}" if section else m.group(1)
            parent = iid
            entries.append((iid, 1, i))
            continue
        m = RE_LETTER.match(line)
        if m and parent:
            lvl = 1 + parent.count(".") + (0 if section else 1)
            entries.append((f"{parent}.{m.group(1)}", lvl + 1, i))
    items = {}
    for k, (iid, lvl, start) in enumerate(entries):
        end = len(lines)
        for _, lvl2, start2 in entries[k + 1:]:
            if lvl2 <= lvl:
                end = start2
                break
        items.setdefault(norm_id(iid), []).append("\n".join(lines[start:end]))
    return items


def date_in(text, iso):
    """True when day/month of iso is written in text (with that year or with no year)."""
    y, m, d = (int(x) for x in iso.split("-"))
    pats = [
        rf"(?<!\d)0?{d}\s*[/.]\s*0?{m}(?:\s*[/.]\s*(\d{{4}}))?(?![\d/])",
        rf"ngày\s+0?{d}\s+tháng\s+0?{m}(?:\s+năm\s+(\d{{4}}))?(?!\d)",
    ]
    for p in pats:
        for mt in re.finditer(p, text, flags=re.IGNORECASE):
            if mt.group(1) is None or int(mt.group(1)) == y:
                return True
    return False


def main():
    docs, problems = {}, 0
    per_doc, per_kind = Counter(), Counter()
    ok = 0
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
        rows = [(n, line) for n, line in enumerate(f, 1) if line.strip()]
    for n, line in rows:
        why = []
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"line {n}: bad JSON ({e})")
            problems += 1
            continue
        doc = q.get("doc", "")
        if doc not in docs:
            p = os.path.join(HERE, doc)
            docs[doc] = open(p, encoding="utf-8").read() if os.path.isfile(p) else None
        text = docs[doc]
        if text is None:
            why.append(f"no document {doc!r}")
        for key in ("doc", "q", "kind", "expect_items"):
            if key not in q:
                why.append(f"missing {key}")
        kind = q.get("kind")
        if kind not in KINDS:
            why.append(f"bad kind {kind!r}")
        if kind in ("task_number", "deadline") and "expect_deadline" not in q:
            why.append("task_number/deadline without expect_deadline")
        if kind == "not_in_doc" and q.get("expect_items"):
            why.append("not_in_doc with expect_items")
        if kind == "meta" and not q.get("expect_text"):
            why.append("meta without expect_text")
        if text is not None:
            items = numbering(text)
            ftext = fold(text)
            for iid in q.get("expect_items") or []:
                if norm_id(iid) not in items:
                    why.append(f"item {iid!r} not in numbering")
            for u in q.get("expect_units") or []:
                if fold(u) not in ftext:
                    why.append(f"unit {u!r} not in text")
            if q.get("expect_text") and fold(q["expect_text"]) not in ftext:
                why.append(f"expect_text {q['expect_text']!r} not in text")
            dl = q.get("expect_deadline")
            if dl is not None:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(dl)):
                    why.append(f"bad date {dl!r}")
                else:
                    spans = [s for iid in q.get("expect_items") or [] for s in items.get(norm_id(iid), [])]
                    where = "\n".join(spans) if spans else text
                    if not date_in(where, dl):
                        why.append(f"deadline {dl} not written in {'the items' if spans else 'the text'}")
                    elif dl[:4] not in text:
                        why.append(f"year {dl[:4]} not in text")
        per_doc[doc] += 1
        per_kind[kind] += 1
        if why:
            problems += 1
            print(f"line {n} [{doc}] {q.get('q')!r}: {'; '.join(why)}")
        else:
            ok += 1
    for d, c in sorted(per_doc.items()):
        print(f"{d:48s} {c}{'' if c >= 10 else '  <- fewer than 10'}")
    print("kinds:", ", ".join(f"{k} {v}" for k, v in sorted(per_kind.items())))
    print(f"{ok} passed, {problems} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
