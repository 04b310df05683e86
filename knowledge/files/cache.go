package files

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DirCache keeps what was read in files of a folder, one a key: the
// command line's cache (the user's cache folder), so that asking twice of
// the same scan reads it by OCR once.
type DirCache struct {
	Dir string
}

// UserCache returns the cache in the user's cache folder
// (~/.cache/chidao/files on Linux).
func UserCache() (*DirCache, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return nil, fmt.Errorf("find the user's cache folder: %w", err)
	}
	return &DirCache{Dir: filepath.Join(d, "chidao", "files")}, nil
}

func (c *DirCache) path(key string) string {
	return filepath.Join(c.Dir, strings.NewReplacer(":", "-", "/", "-").Replace(key)+".json")
}

// Get returns the value kept under key.
func (c *DirCache) Get(_ context.Context, key string) ([]byte, bool, error) {
	b, err := os.ReadFile(c.path(key))
	if os.IsNotExist(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read cached file text: %w", err)
	}
	return b, true, nil
}

// Put keeps a value under key, written whole or not at all.
func (c *DirCache) Put(_ context.Context, key string, value []byte) error {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return fmt.Errorf("cache file text: %w", err)
	}
	tmp, err := os.CreateTemp(c.Dir, ".put-*")
	if err != nil {
		return fmt.Errorf("cache file text: %w", err)
	}
	_, werr := tmp.Write(value)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache file text: %v %v", werr, cerr)
	}
	if err := os.Rename(tmp.Name(), c.path(key)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache file text: %w", err)
	}
	return nil
}
