#!/usr/bin/env bash
# Makes the Word and PDF fixtures of the two sample directives as a clerk
# would: the text typed in the office's Word template (Times New Roman,
# justified), the header and signature block as two-column tables, Word's
# own numbering and footnotes (pandoc 2.17 from the .md, clerk.py giving
# it the document's form), then LibreOffice 7.4 from .docx to PDF.
# Needs Debian's pandoc, libreoffice-writer-nogui and fonts-liberation2.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pandoc -o "$tmp/default.docx" --print-default-data-file reference.docx
python3 reference.py "$tmp/default.docx" "$tmp/office.docx"
for name in vanquan-cchc-2024 synthetic-kehoach-cds-2025; do
  python3 clerk.py "../../../configs/directives/$name.md" > "$tmp/$name.md"
  pandoc -f markdown -t docx --reference-doc "$tmp/office.docx" -o "$name.docx" "$tmp/$name.md"
  soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf --outdir . "$name.docx" >/dev/null
done
# The Word 97–2003 file an office still sends: the plan typed with its
# numbers as text (LibreOffice loses the continuation of Word lists when it
# saves .doc), saved by LibreOffice.
python3 clerk.py --typed ../../../configs/directives/synthetic-kehoach-cds-2025.md > "$tmp/typed.md"
pandoc -f markdown -t docx --reference-doc "$tmp/office.docx" -o "$tmp/synthetic-kehoach-cds-2025.docx" "$tmp/typed.md"
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to doc --outdir . "$tmp/synthetic-kehoach-cds-2025.docx" >/dev/null
# A photo of a page: the công văn of the real scans, its page rendered as a
# phone camera's JPEG would be, 200 dpi.
pdftoppm -r 200 -jpeg -jpegopt quality=80 -singlefile real/qngai-cv-575-2025.pdf qngai-cv-575-2025-photo
# A PDF that needs a password to open.
mkdir -p "$tmp/enc"
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to \
  'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
  --outdir "$tmp/enc" synthetic-kehoach-cds-2025.docx >/dev/null
cp "$tmp/enc/synthetic-kehoach-cds-2025.pdf" encrypted.pdf
