package knowledge

import (
	"strings"
	"unicode"
)

// Talk is what a message that asks nothing says: a greeting, thanks, an
// "ok", a goodbye. Such messages get a short courteous reply instead of the
// refusal a question the directives do not answer gets.
type Talk int

// The kinds of small talk.
const (
	TalkNone Talk = iota
	TalkGreeting
	TalkThanks
	TalkOkay
	TalkBye
)

// talkWords are the folded words of small talk, each with the kind it
// carries; a word of kind TalkNone is a filler ("bạn", "ạ", "nhiều") that
// may stand beside them but makes no small talk alone. A message is small
// talk when every word is here and one carries a kind. Pairs ("cam on",
// "tam biet") are read as one word.
var talkWords = map[string]Talk{
	"chao": TalkGreeting, "xin chao": TalkGreeting, "hello": TalkGreeting, "hi": TalkGreeting,
	"alo": TalkGreeting, "helo": TalkGreeting,
	"cam on": TalkThanks, "camon": TalkThanks, "thank": TalkThanks, "thanks": TalkThanks,
	"thank you": TalkThanks, "tks": TalkThanks, "thks": TalkThanks,
	"ok": TalkOkay, "oke": TalkOkay, "okie": TalkOkay, "okay": TalkOkay, "oki": TalkOkay,
	"vang": TalkOkay, "da": TalkOkay, "duoc": TalkOkay, "ro": TalkOkay, "uh": TalkOkay,
	"um": TalkOkay, "u": TalkOkay, "roi": TalkOkay,
	"tam biet": TalkBye, "bye": TalkBye, "goodbye": TalkBye,
	"ban": TalkNone, "bot": TalkNone, "anh": TalkNone, "chi": TalkNone, "em": TalkNone,
	"a": TalkNone, "nhe": TalkNone, "nha": TalkNone, "nhieu": TalkNone, "lam": TalkNone,
	"rat": TalkNone, "xin": TalkNone, "nhe a": TalkNone, "moi nguoi": TalkNone, "you": TalkNone,
	"nhat": TalkNone, "the": TalkNone,
}

// talkEmoji are the pictographs that say something on their own.
var talkEmoji = map[rune]Talk{
	'👍': TalkOkay, '👌': TalkOkay, '✅': TalkOkay, '🆗': TalkOkay,
	'🙏': TalkThanks, '❤': TalkThanks, '🌹': TalkThanks, '💐': TalkThanks,
	'👋': TalkGreeting,
}

// talkPriority orders the kinds when a message says several: "ok cảm ơn"
// is thanks, "chào, cảm ơn bạn" is thanks too.
var talkPriority = []Talk{TalkThanks, TalkBye, TalkGreeting, TalkOkay}

// SmallTalkOf reports the small talk a message is, if it is nothing else.
func SmallTalkOf(text string) Talk {
	seen := map[Talk]bool{}
	var b strings.Builder
	for _, r := range Fold(text) {
		if k, ok := talkEmoji[r]; ok {
			seen[k] = true
			r = ' '
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.Is(unicode.Variation_Selector, r):
			b.WriteByte(' ')
		default:
			return TalkNone
		}
	}
	if !talkWordsKnown(strings.Fields(b.String()), seen) {
		return TalkNone
	}
	for _, k := range talkPriority {
		if seen[k] {
			return k
		}
	}
	return TalkNone
}

// talkWordsKnown marks in seen the kinds the words carry, pairs first, and
// reports whether every word is small talk.
func talkWordsKnown(words []string, seen map[Talk]bool) bool {
	for i := 0; i < len(words); i++ {
		k, ok := TalkNone, false
		if i+1 < len(words) {
			if k, ok = talkWords[words[i]+" "+words[i+1]]; ok {
				i++
			}
		}
		if !ok {
			if k, ok = talkWords[words[i]]; !ok {
				return false
			}
		}
		seen[k] = true
	}
	return true
}

// Reply is the courteous answer to small talk, addressing the asker as
// "anh/chị"; empty for TalkNone.
func (t Talk) Reply() string {
	switch t {
	case TalkGreeting:
		return "Chào anh/chị. Anh/chị có thể hỏi về các nhiệm vụ trong văn bản, ví dụ: \"nhiệm vụ 5 hạn khi nào?\", \"đơn vị tôi cần làm gì?\"."
	case TalkThanks:
		return "Dạ, không có gì ạ. Anh/chị cần tra thêm nhiệm vụ nào cứ nhắn cho bot."
	case TalkOkay:
		return "Dạ. Anh/chị cần tra nhiệm vụ nào cứ nhắn cho bot."
	case TalkBye:
		return "Chào anh/chị. Khi cần tra nhiệm vụ, anh/chị cứ nhắn cho bot."
	}
	return ""
}
