package telegram

import (
	"context"
	"crypto/sha256"
	"sync"
)

// maxKnownFiles bounds how many uploaded documents a Client remembers.
const maxKnownFiles = 256

// fileKey identifies a document by its name and bytes.
type fileKey [sha256.Size]byte

func keyOf(name string, data []byte) fileKey {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(data)
	var k fileKey
	h.Sum(k[:0])
	return k
}

// knownFiles remembers the file_id Telegram gave each document the client
// uploaded, so that a broadcast sends a directive's file to its second and
// every later member by file_id instead of uploading the same bytes again.
// While one send uploads a document, other sends of it wait for its
// file_id rather than upload it too (a broadcast has many sends in flight).
// It keeps the newest maxKnownFiles entries; it is safe for concurrent use.
type knownFiles struct {
	mu        sync.Mutex
	ids       map[fileKey]string
	order     []fileKey // oldest first
	uploading map[fileKey]chan struct{}
}

// claim returns the file_id known for key. When there is none, it waits
// for an upload of key under way, if any, then returns upload true: the
// caller uploads and must call uploaded, with the new file_id or "" when
// the upload failed.
func (k *knownFiles) claim(ctx context.Context, key fileKey) (id string, upload bool, err error) {
	for {
		k.mu.Lock()
		if id, ok := k.ids[key]; ok {
			k.mu.Unlock()
			return id, false, nil
		}
		wait, busy := k.uploading[key]
		if !busy {
			if k.uploading == nil {
				k.uploading = make(map[fileKey]chan struct{})
			}
			k.uploading[key] = make(chan struct{})
			k.mu.Unlock()
			return "", true, nil
		}
		k.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return "", false, ctx.Err()
		}
	}
}

// uploaded ends the upload claim made for key, remembering id unless it
// is empty, and wakes the sends waiting for it.
func (k *knownFiles) uploaded(key fileKey, id string) {
	if id != "" {
		k.put(key, id)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if ch, ok := k.uploading[key]; ok {
		close(ch)
		delete(k.uploading, key)
	}
}

func (k *knownFiles) get(key fileKey) (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	id, ok := k.ids[key]
	return id, ok
}

func (k *knownFiles) put(key fileKey, id string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ids == nil {
		k.ids = make(map[fileKey]string)
	}
	if _, ok := k.ids[key]; !ok {
		k.order = append(k.order, key)
	}
	k.ids[key] = id
	for len(k.order) > maxKnownFiles {
		delete(k.ids, k.order[0])
		k.order = k.order[1:]
	}
}

// forget drops key's file_id if it is still id (another send may have
// uploaded the file again meanwhile).
func (k *knownFiles) forget(key fileKey, id string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ids[key] != id {
		return
	}
	delete(k.ids, key)
	for i, o := range k.order {
		if o == key {
			k.order = append(k.order[:i], k.order[i+1:]...)
			break
		}
	}
}
