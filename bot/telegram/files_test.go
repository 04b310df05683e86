package telegram

import (
	"fmt"
	"testing"
)

func TestKnownFilesKeepsTheNewest(t *testing.T) {
	var k knownFiles
	key := func(i int) fileKey { return keyOf(fmt.Sprintf("f%d.docx", i), []byte("x")) }
	for i := range maxKnownFiles + 10 {
		k.put(key(i), fmt.Sprint("id", i))
	}
	if _, ok := k.get(key(9)); ok {
		t.Error("the oldest entries must be dropped past the bound")
	}
	if id, ok := k.get(key(maxKnownFiles + 9)); !ok || id != fmt.Sprint("id", maxKnownFiles+9) {
		t.Errorf("newest = %q, %v", id, ok)
	}
	if len(k.ids) != maxKnownFiles || len(k.order) != maxKnownFiles {
		t.Errorf("holds %d ids, %d keys; want %d", len(k.ids), len(k.order), maxKnownFiles)
	}
	k.forget(key(100), "id100")
	k.put(key(100), "again")
	if len(k.ids) != maxKnownFiles || len(k.order) != maxKnownFiles {
		t.Errorf("after forget and put: %d ids, %d keys", len(k.ids), len(k.order))
	}
	if id, _ := k.get(key(100)); id != "again" {
		t.Errorf("re-put id = %q", id)
	}
}
