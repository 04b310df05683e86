#!/usr/bin/env python3
"""Check questions.jsonl against the documents in this folder.

For every question: the document exists; kind is valid; each expect_items id exists in the
document's numbering; each expect_units / expect_text occurs in the document (diacritic-folded
exactly as shared/tools/eval_qa.py folds); each expect_deadline's day/month is written in the
text (inside the span of one of the expected items when items are given, else anywhere), and
its year is written in that date or elsewhere in the document. Prints one line per problem and
'N passed, N failed'; exit 1 when anything failed.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"task_number", "deadline", "assignee", "free_text", "meta", "not_in_doc"}


def fold(s):
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().replace("-", " ").split())


def norm_id(i):
    return str(i).strip().strip(".").upper()


ROMAN = re.compile(r"^([IVXLC]+)[\.\-/]\s")
DIEU = re.compile(r"^Điều\s+(\d+)\b")
NESTED = re.compile(r"^(\d+(?:\.\d+)+)\.?\s")
NUM = re.compile(r"^(\d+)[\.\)/]\s")
LETTER = re.compile(r"^([a-zđ])[\)\.]\s")


def numbering(text):
    """Return {id: [span_text, ...]} for the numbered items of a document."""
    lines = text.splitlines()
    entries = []  # (id, level, line_index)
    roman = dieu = num = None
    for i, raw in enumerate(lines):
        line = raw.strip()
        m = ROMAN.match(line)
        if m:
            roman, dieu, num = m.group(1), None, None
            entries.append((roman, 0, i))
            continue
        m = DIEU.match(line)
        if m:
            dieu, num = m.group(1), None
            entries.append((dieu, 0, i))
            continue
        m = NESTED.match(line)
        if m:
            pid = m.group(1)
            if roman:
                pid = f"{roman}.{pid}"
            num = pid
            entries.append((pid, 1 + pid.count("."), i))
            continue
        m = NUM.match(line)
        if m:
            n = m.group(1)
            prefix = roman or dieu
            num = f"{prefix}.{n}" if prefix else n
            entries.append((num, 1 if prefix else 0, i))
            continue
        m = LETTER.match(line)
        if m and num:
            lid = f"{num}.{m.group(1)}"
            entries.append((lid, lid.count(".") + (1 if (roman or dieu) else 0), i))
    items = {}
    for k, (iid, lvl, start) in enumerate(entries):
        end = len(lines)
        for iid2, lvl2, start2 in entries[k + 1:]:
            if lvl2 <= lvl:
                end = start2
                break
        items.setdefault(norm_id(iid), []).append("\n".join(lines[start:end]))
    return items


def date_written(text, iso):
    y, m, d = (int(x) for x in iso.split("-"))
    pats = [
        rf"(?<!\d)0?{d}\s*[/.\-]\s*0?{m}(?:\s*[/.\-]\s*(\d{{4}}))?(?!\d)",
        rf"ngày\s+0?{d}\s+tháng\s+0?{m}(?:\s+năm\s+(\d{{4}}))?(?!\d)",
    ]
    for p in pats:
        for mt in re.finditer(p, text, flags=re.IGNORECASE):
            yr = mt.group(1)
            if yr is None or int(yr) == y:
                return True
    return False


def main():
    qpath = os.path.join(HERE, "questions.jsonl")
    docs = {}
    passed = failed = 0
    per_doc = {}
    with open(qpath, encoding="utf-8") as f:
        rows = [(n, line) for n, line in enumerate(f, 1) if line.strip()]
    for n, line in rows:
        why = []
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"line {n}: bad JSON: {e}")
            failed += 1
            continue
        doc = q.get("doc", "")
        path = os.path.join(HERE, doc)
        if doc not in docs:
            docs[doc] = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        text = docs[doc]
        if text is None:
            why.append(f"no document {doc}")
        for key in ("doc", "q", "kind", "expect_items"):
            if key not in q:
                why.append(f"missing {key}")
        kind = q.get("kind")
        if kind not in KINDS:
            why.append(f"bad kind {kind!r}")
        if kind in ("task_number", "deadline") and "expect_deadline" not in q:
            why.append("task_number/deadline question without expect_deadline")
        if kind == "not_in_doc" and q.get("expect_items"):
            why.append("not_in_doc with expect_items")
        if text is not None:
            items = numbering(text)
            ftext = fold(text)
            for iid in q.get("expect_items") or []:
                if norm_id(iid) not in items:
                    why.append(f"item {iid!r} not in numbering {sorted(items)}")
            for u in q.get("expect_units") or []:
                if fold(u) not in ftext:
                    why.append(f"unit {u!r} not in text")
            if q.get("expect_text") and fold(q["expect_text"]) not in ftext:
                why.append(f"expect_text {q['expect_text']!r} not in text")
            dl = q.get("expect_deadline")
            if dl:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dl):
                    why.append(f"bad date {dl!r}")
                else:
                    spans = []
                    for iid in q.get("expect_items") or []:
                        spans += items.get(norm_id(iid), [])
                    where = "\n".join(spans) if spans else text
                    y = dl[:4]
                    if not date_written(where, dl):
                        why.append(f"deadline {dl} not written in {'items ' + str(q.get('expect_items')) if spans else 'text'}")
                    elif y not in text:
                        why.append(f"year {y} not in text")
        per_doc.setdefault(doc, 0)
        per_doc[doc] += 1
        if why:
            failed += 1
            print(f"line {n} [{doc}] {q.get('q')!r}: {'; '.join(why)}")
        else:
            passed += 1
    for d, c in sorted(per_doc.items()):
        flag = "" if c >= 10 else "  <- fewer than 10"
        print(f"{d:45s} {c}{flag}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
