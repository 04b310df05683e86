#!/usr/bin/env python3
"""Make the Word template a provincial office types its directives in
(Nghị định 30/2020/NĐ-CP: Times New Roman 13–14, body justified with a
first-line indent) from pandoc's default reference.docx.

usage: reference.py DEFAULT.docx OUT.docx
"""
import sys
import zipfile

FONT = '<w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" />'


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                s = data.decode("utf-8")
                s = s.replace('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />', FONT, 1)
                s = s.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />', '<w:sz w:val="28" />\n        <w:szCs w:val="28" />', 1)
                s = s.replace('<w:spacing w:before="180" w:after="180" />',
                              '<w:spacing w:before="0" w:after="120" />\n      <w:ind w:firstLine="720" />\n      <w:jc w:val="both" />', 1)
                data = s.encode("utf-8")
            zout.writestr(item, data)


if __name__ == "__main__":
    main()
