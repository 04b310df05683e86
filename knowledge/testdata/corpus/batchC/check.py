#!/usr/bin/env python3
"""Check questions.jsonl against the documents in this folder.

For every question: the doc exists; kind is valid; each expect_items id exists in the
document's numbering (parsed from the text: Roman sections "I.", Arabic "1." / "1.1.",
letters "a)" / "a/", and in a Quyết định "Điều N" with khoản/điểm -> "N.k.p"); each
expect_units / expect_text occurs in the document (diacritic-folded as eval_qa.py folds);
each expect_deadline's day/month is written in the document.
Prints the numbering found per document with --ids. Exit 1 on any problem.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"task_number", "deadline", "assignee", "free_text", "meta", "not_in_doc"}
FIELDS = {"doc", "q", "kind", "expect_items", "expect_deadline", "expect_units", "expect_text"}


def fold(s):  # same as shared/tools/eval_qa.py
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().replace("-", " ").split())


ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X)"
RE_ROMAN = re.compile(rf"^({ROMAN})\.\s")
RE_DIEU = re.compile(r"^Điều\s+(\d+)\.")
RE_NUM = re.compile(r"^(\d+(?:\.\d+)*)\.(?!\d)")
RE_LET = re.compile(r"^([a-zđ])[\)/]\s")


def numbering(text):
    ids = set()
    roman = dieu = None
    num = None
    for raw in text.splitlines():
        line = raw.strip().lstrip("|").strip()
        if not line:
            continue
        m = RE_ROMAN.match(line)
        if m:
            roman, dieu, num = m.group(1), None, None
            ids.add(roman)
            continue
        m = RE_DIEU.match(line)
        if m:
            dieu, roman, num = m.group(1), None, None
            ids.add(dieu)
            continue
        # an all-caps heading that is not numbered starts a new block (e.g. THUYẾT MINH ...)
        letters = [c for c in line if c.isalpha()]
        if len(letters) > 8 and all(c.isupper() for c in letters) and not RE_NUM.match(line):
            if not line.startswith("KẾ HOẠCH") and not line.startswith("CHƯƠNG TRÌNH"):
                pass
            roman = dieu = num = None
            continue
        m = RE_NUM.match(line)
        if m:
            prefix = roman or dieu
            num = (prefix + "." if prefix else "") + m.group(1)
            ids.add(num)
            # a parent path like II.2.1 implies II.2 exists too
            parts = num.split(".")
            for i in range(1, len(parts)):
                ids.add(".".join(parts[:i]))
            continue
        m = RE_LET.match(line)
        if m and num:
            ids.add(num + "." + m.group(1))
    return ids


def dates_in(text):
    found = set()
    for d, mth in re.findall(r"(?<!\d)(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?!\d)", text):
        found.add((int(d), int(mth)))
    for d, mth in re.findall(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?!\d)", text):
        found.add((int(d), int(mth)))
    return found


def main():
    show_ids = "--ids" in sys.argv
    problems = []
    docs = {}
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
        qs = [(n, json.loads(l)) for n, l in enumerate(f, 1) if l.strip()]
    per_doc = {}
    for n, q in qs:
        where = f"line {n} ({q.get('doc')}: {q.get('q')!r})"
        extra = set(q) - FIELDS
        if extra:
            problems.append(f"{where}: unknown fields {extra}")
        for k in ("doc", "q", "kind", "expect_items"):
            if k not in q:
                problems.append(f"{where}: missing {k}")
        if q.get("kind") not in KINDS:
            problems.append(f"{where}: bad kind {q.get('kind')}")
        doc = q.get("doc", "")
        path = os.path.join(HERE, doc)
        if not os.path.exists(path):
            problems.append(f"{where}: no such document")
            continue
        if doc not in docs:
            text = open(path, encoding="utf-8").read()
            docs[doc] = (text, fold(text), numbering(text), dates_in(text))
        text, ftext, ids, dates = docs[doc]
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if q.get("kind") == "not_in_doc" and q.get("expect_items"):
            problems.append(f"{where}: not_in_doc must have expect_items []")
        for i in q.get("expect_items") or []:
            if i not in ids:
                problems.append(f"{where}: id {i!r} not in numbering")
        for u in q.get("expect_units") or []:
            if fold(u) not in ftext:
                problems.append(f"{where}: unit {u!r} not in text")
        if q.get("expect_text") and fold(q["expect_text"]) not in ftext:
            problems.append(f"{where}: text {q['expect_text']!r} not in text")
        dl = q.get("expect_deadline")
        if q.get("kind") in ("task_number", "deadline") and "expect_deadline" not in q:
            problems.append(f"{where}: {q['kind']} needs expect_deadline (date or null)")
        if dl is not None:
            m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(dl))
            if not m:
                problems.append(f"{where}: bad deadline {dl!r}")
            elif (int(m.group(3)), int(m.group(2))) not in dates:
                problems.append(f"{where}: deadline {dl} day/month not written in text")
    for doc in sorted(f for f in os.listdir(HERE) if f.endswith(".txt")):
        if per_doc.get(doc, 0) < 10:
            problems.append(f"{doc}: only {per_doc.get(doc, 0)} questions")
        if show_ids:
            text = open(os.path.join(HERE, doc), encoding="utf-8").read()
            print(doc, sorted(numbering(text), key=lambda s: (len(s.split('.')), s)))
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(qs)} questions, {len(per_doc)} documents, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
