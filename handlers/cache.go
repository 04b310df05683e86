package handlers

import (
	"sync"
	"time"

	"chidao"
	"chidao/bot"
)

// deliveryCache keeps what every delivery of a broadcast shares, so that
// sending to hundreds of members does not rebuild the same text or read the
// same file from Redis hundreds of times: the text per (directive, unit),
// the file per directive for a short while.
type deliveryCache struct {
	mu    sync.Mutex
	texts map[textKey]cachedText
	files map[string]cachedFile
}

type textKey struct{ directive, unit string }

type cachedText struct {
	d    *chidao.Directive // the version the text was built from
	text string
}

type cachedFile struct {
	file *bot.Attachment // nil: the directive has no file
	at   time.Time
}

// Bounds of the cache.
const (
	fileCacheTTL   = time.Minute
	fileCacheMax   = 4
	textCacheLimit = 4096
)

func newDeliveryCache() *deliveryCache {
	return &deliveryCache{texts: map[textKey]cachedText{}, files: map[string]cachedFile{}}
}

// text returns the delivery text of d for unit, building it with build when
// it is not cached for this version of d.
func (c *deliveryCache) text(d *chidao.Directive, unit string, build func() string) string {
	k := textKey{d.ID, unit}
	c.mu.Lock()
	if t, ok := c.texts[k]; ok && t.d == d {
		c.mu.Unlock()
		return t.text
	}
	c.mu.Unlock()
	text := build()
	c.mu.Lock()
	if len(c.texts) >= textCacheLimit {
		clear(c.texts)
	}
	c.texts[k] = cachedText{d: d, text: text}
	c.mu.Unlock()
	return text
}

// file returns the cached file of a directive, if read less than a minute ago.
func (c *deliveryCache) file(id string, now time.Time) (*bot.Attachment, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.files[id]
	if !ok || now.Sub(f.at) > fileCacheTTL {
		return nil, false
	}
	return f.file, true
}

// putFile caches a directive's file, evicting the oldest past the bound.
func (c *deliveryCache) putFile(id string, f *bot.Attachment, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.files[id]; !ok && len(c.files) >= fileCacheMax {
		oldest := ""
		for k, v := range c.files {
			if oldest == "" || v.at.Before(c.files[oldest].at) {
				oldest = k
			}
		}
		delete(c.files, oldest)
	}
	c.files[id] = cachedFile{file: f, at: now}
}

// forget drops a directive's cached file (it was just stored again).
func (c *deliveryCache) forget(id string) {
	c.mu.Lock()
	delete(c.files, id)
	c.mu.Unlock()
}
