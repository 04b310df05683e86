package bot

import "chidao"

// Messengers holds the Messenger of each enabled platform.
type Messengers map[chidao.Platform]Messenger

// For returns the Messenger of platform p, and whether there is one.
func (ms Messengers) For(p chidao.Platform) (Messenger, bool) {
	m, ok := ms[p]
	return m, ok && m != nil
}
