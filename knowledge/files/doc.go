// Package files reads the files an office sends into text for the parser:
// PDFs from a document system (text PDFs through poppler's pdftotext,
// scanned pages rendered by pdftoppm and read by Tesseract's Vietnamese
// model), photos of pages, Word documents (.docx in process, .doc through
// LibreOffice) and plain text. It keeps the page layout's meaning: the two
// columns of a header and of a signature block, paragraphs, footnotes,
// page numbers (dropped) and the digital-signature stamps, which it reads
// as data and keeps out of the text.
//
// The engines are programs, run with a time and memory budget under the
// request's context; what was read is cached by the file's hash, so a
// scan is read by OCR once.
package files
