#!/usr/bin/env python3
"""Check questions.jsonl against the documents in this folder.

For every question: the document exists; each expect_items id exists in the
document's numbering; each expect_units / expect_text value occurs in the document
(diacritic-folded exactly as shared/tools/eval_qa.py folds); each non-null
expect_deadline has its day/month written in the text; required fields and kinds
are well-formed. Prints one line per problem and 'N passed, N failed'.
"""
import json
import os
import re
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"task_number", "deadline", "assignee", "free_text", "meta", "not_in_doc"}


def fold(s):  # same as eval_qa.py
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().replace("-", " ").split())


ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV)"


def numbering_ids(text):
    """All ids a numbering path can take in this text ('1', 'I.1', '1.a', 'I.1.a',
    '2.3.b' for Điều 2 khoản 3 điểm b, and dotted '1.2' headings)."""
    ids = set()
    roman = arabic = dieu = None
    for raw in text.splitlines():
        line = raw.strip()
        m = re.match(r"^Điều\s+(\d+)\s*[.:]", line)
        if m:
            dieu, arabic = m.group(1), None
            ids.add(dieu)
            continue
        m = re.match(r"^(" + ROMAN + r")\s*[.:]\s", line)
        if m:
            roman, arabic, dieu = m.group(1), None, None
            ids.add(roman)
            continue
        m = re.match(r"^(\d+(?:\.\d+)+)\.?\s", line)
        if m:
            path = m.group(1)
            ids.add(path)
            if roman:
                ids.add(roman + "." + path)
            arabic = path
            continue
        m = re.match(r"^(\d+)\s*[.)]\s", line)
        if m:
            arabic = m.group(1)
            for prefix in filter(None, [roman, dieu]):
                ids.add(prefix + "." + arabic)
            if not dieu:
                ids.add(arabic)
            continue
        m = re.match(r"^([a-zđ])\s*\)\s", line)
        if m and arabic:
            letter = m.group(1)
            base = [arabic]
            if roman:
                base.append(roman + "." + arabic)
            if dieu:
                base = [dieu + "." + arabic]
            for b in base:
                ids.add(b + "." + letter)
    return {i.upper() for i in ids}


def date_written(text, iso):
    y, mo, d = (int(x) for x in iso.split("-"))
    t = fold(text)
    pats = [
        rf"(?<!\d)0?{d}\s*/\s*0?{mo}(?!\d)",
        rf"(?<!\d)0?{d}\s*\.\s*0?{mo}(?!\d)",
        rf"ngay\s+0?{d}\s+thang\s+0?{mo}(?!\d)",
    ]
    return any(re.search(p, t) for p in pats)


def main():
    path = os.path.join(HERE, "questions.jsonl")
    problems, ok = [], 0
    per_doc, per_kind = Counter(), Counter()
    cache = {}
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    for n, line in enumerate(lines, 1):
        why = []
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: bad JSON: {e}")
            continue
        doc = q.get("doc", "")
        fp = os.path.join(HERE, doc)
        if not os.path.isfile(fp):
            problems.append(f"line {n}: no document {doc!r}")
            continue
        if doc not in cache:
            with open(fp, encoding="utf-8") as g:
                text = g.read()
            cache[doc] = (text, fold(text), numbering_ids(text))
        text, ftext, ids = cache[doc]
        kind = q.get("kind")
        per_doc[doc] += 1
        per_kind[kind] += 1
        if kind not in KINDS:
            why.append(f"unknown kind {kind!r}")
        if not q.get("q"):
            why.append("empty q")
        if "expect_items" not in q or not isinstance(q["expect_items"], list):
            why.append("expect_items missing or not a list")
        for i in q.get("expect_items") or []:
            if str(i).strip().strip(".").upper() not in ids:
                why.append(f"item {i!r} not in numbering {sorted(ids)}")
        if kind == "not_in_doc" and q.get("expect_items"):
            why.append("not_in_doc with expect_items")
        if kind in ("task_number", "deadline") and "expect_deadline" not in q:
            why.append("task_number/deadline without expect_deadline")
        dl = q.get("expect_deadline")
        if dl is not None:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(dl)):
                why.append(f"bad expect_deadline {dl!r}")
            elif not date_written(text, dl):
                why.append(f"deadline {dl} day/month not written in text")
        for u in q.get("expect_units") or []:
            if fold(u) not in ftext:
                why.append(f"unit {u!r} not in text")
        et = q.get("expect_text")
        if et and fold(et) not in ftext:
            why.append(f"expect_text {et!r} not in text")
        if kind == "meta" and not et:
            why.append("meta without expect_text")
        if why:
            problems.append(f"line {n} [{doc}] {q.get('q')!r}: " + "; ".join(why))
        else:
            ok += 1
    for doc, c in sorted(per_doc.items()):
        if c < 10:
            problems.append(f"{doc}: only {c} questions (need 10)")
    for p in problems:
        print("FAIL", p)
    print("questions by kind:", dict(sorted(per_kind.items())))
    print("questions by doc:", dict(sorted(per_doc.items())))
    print(f"{ok} passed, {len(lines) - ok} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
