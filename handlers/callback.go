package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Button actions. Callback data is "action|arg|…|signature", at most 64
// bytes (Telegram's limit), signed with the deployment's secret so a forged
// or altered button is refused.
const (
	actAck     = "a" // acknowledge a directive: dir
	actTasks   = "t" // show the unit's tasks of a directive: dir
	actDone    = "d" // report a task done: dir, task, occurrence
	actDoneAll = "D" // report every open task of the unit done: dir
	actRedeem  = "R" // an admin confirms redeeming a head's invite: code
	actView    = "v" // make a directive the current one: dir
	actSend    = "s" // admin: send the previewed directive: draft
	actCancel  = "x" // admin: discard the preview: draft
	actKeep    = "k" // admin: keep the previewed document for questions, unsent: draft
	actReturn  = "r" // admin: return a report as not done: dir, task, occurrence, unit
	actNoop    = "n" // a button that only shows a state ("Đã nhận lúc …")
	maxCBBytes = 64
)

var (
	errForged  = errors.New("callback: bad signature")
	errCBShape = errors.New("callback: malformed data")
)

// codec signs and checks callback data.
type codec struct {
	secret []byte
}

// shortKey maps an identifier (a directive ID, a unit code) to 8 hex
// characters, so buttons stay within 64 bytes whatever the IDs are.
func shortKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:4])
}

// encode builds signed callback data for an action.
func (c codec) encode(action string, args ...string) (string, error) {
	for _, a := range args {
		if strings.Contains(a, "|") {
			return "", fmt.Errorf("encode %s button: argument %q contains '|'", action, a)
		}
	}
	payload := strings.Join(append([]string{action}, args...), "|")
	data := payload + "|" + c.sign(payload)
	if len(data) > maxCBBytes {
		return "", fmt.Errorf("encode %s button: %d bytes, over Telegram's %d", action, len(data), maxCBBytes)
	}
	return data, nil
}

// decode checks the signature and returns the action and its arguments.
func (c codec) decode(data string) (string, []string, error) {
	i := strings.LastIndexByte(data, '|')
	if i <= 0 {
		return "", nil, errCBShape
	}
	payload, sig := data[:i], data[i+1:]
	if !hmac.Equal([]byte(sig), []byte(c.sign(payload))) {
		return "", nil, errForged
	}
	parts := strings.Split(payload, "|")
	return parts[0], parts[1:], nil
}

func (c codec) sign(payload string) string {
	m := hmac.New(sha256.New, c.secret)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:6])
}
