package files

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"chidao/knowledge"
)

// readDoc reads a Word 97–2003 document: LibreOffice converts it to .docx,
// which is read as any .docx is (numbering, footnotes and tables kept).
func (r *Reader) readDoc(ctx context.Context, name string, data []byte) (knowledge.Source, error) {
	t := r.tools["soffice"]
	if t.path == "" {
		return knowledge.Source{}, fmt.Errorf("tệp Word 97–2003 (.doc): %w; hoặc anh/chị lưu lại thành .docx hay PDF rồi gửi lại", t.missing("tệp .doc"))
	}
	release, err := r.slot(ctx)
	if err != nil {
		return knowledge.Source{}, err
	}
	defer release()
	dir, err := os.MkdirTemp("", "chidao-doc-")
	if err != nil {
		return knowledge.Source{}, fmt.Errorf("convert .doc: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.doc")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return knowledge.Source{}, fmt.Errorf("convert .doc: %w", err)
	}
	// Its own profile folder: a LibreOffice already running for someone
	// else would otherwise take the job and exit at once.
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	if _, err := run(ctx, t, nil, 2*time.Minute, 0, 1<<20, profile, "--headless", "--norestore",
		"--convert-to", "docx", "--outdir", dir, in); err != nil {
		return knowledge.Source{}, fmt.Errorf("đọc tệp .doc (LibreOffice): %w", err)
	}
	docx, err := os.ReadFile(filepath.Join(dir, "in.docx"))
	if err != nil {
		return knowledge.Source{}, fmt.Errorf("tệp .doc bị hỏng hoặc không phải tài liệu Word: %w", knowledge.ErrUnsupported)
	}
	text, err := knowledge.Extract("in.docx", docx)
	if err != nil {
		return knowledge.Source{}, err
	}
	return knowledge.Source{Text: text, Reading: chidaoReading("doc", 0, nil)}, nil
}
