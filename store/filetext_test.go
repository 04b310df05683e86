package store

import (
	"context"
	"testing"
)

// TestFileText keeps what was read from a file by its key and gives it
// back; an unknown key is no error.
func TestFileText(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	if _, ok, err := db.FileText(ctx, "files/1:abc"); ok || err != nil {
		t.Fatalf("unknown key: ok %v err %v", ok, err)
	}
	if err := db.PutFileText(ctx, "files/1:abc", []byte(`{"text":"x"}`)); err != nil {
		t.Fatal(err)
	}
	b, ok, err := db.FileText(ctx, "files/1:abc")
	if !ok || err != nil || string(b) != `{"text":"x"}` {
		t.Fatalf("FileText = %q %v %v", b, ok, err)
	}
	if ttl := db.c.TTL(ctx, db.k.fileText("files/1:abc")).Val(); ttl <= 0 {
		t.Errorf("file text kept without expiry (TTL %v)", ttl)
	}
}
