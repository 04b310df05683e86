package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chidao"
	"chidao/bot"
	"chidao/store"
)

// Command is one entry of a platform's command menu.
type Command struct {
	Name        string
	Description string
}

type command struct {
	name  string
	desc  string
	admin bool // only the office may run it
	open  bool // runs for people who are not registered
	run   bot.HandlerFunc
}

func (h *Handlers) commandTable() []command {
	cmds := []command{
		{name: "start", desc: "Bắt đầu, đăng ký bằng mã mời", open: true, run: h.cmdStart},
		{name: "help", desc: "Hướng dẫn sử dụng", open: true, run: h.cmdHelp},
		{name: "trogiup", open: true, run: h.cmdHelp},
		{name: "vanban", desc: "Các văn bản gửi đơn vị mình", run: h.cmdDirectives},
		{name: "nv", desc: "Xem một nhiệm vụ, ví dụ /nv 5", run: h.cmdTask},
		{name: "huy", desc: "Hủy thao tác đang dở", run: h.cmdCancel},
		{name: "tinhhinh", desc: "Tình hình nhận văn bản", admin: true, run: h.cmdStatus},
		{name: "baocao", desc: "Tình hình thực hiện nhiệm vụ", admin: true, run: h.cmdReport},
		{name: "xuat", desc: "Xuất tình hình ra tệp Excel", admin: true, run: h.cmdExport},
		{name: "donvi", desc: "Đơn vị và người đã đăng ký", admin: true, run: h.cmdUnits},
		{name: "moi", desc: "Tạo mã mời, ví dụ /moi " + h.exampleUnit().Code, admin: true, run: h.cmdInvite},
		{name: "giahan", desc: "Gia hạn nhiệm vụ cho một đơn vị", admin: true, run: h.cmdExtend},
		{name: "tatnhac", desc: "Tạm dừng nhắc việc", admin: true, run: h.cmdMute},
		{name: "batnhac", desc: "Bật lại nhắc việc", admin: true, run: h.cmdUnmute},
	}
	for i := range cmds {
		cmds[i].run = h.guard(cmds[i])
	}
	return cmds
}

// Commands returns the command menu for heads or for the office, for
// Telegram's setMyCommands.
func (h *Handlers) Commands(admin bool) []Command {
	var out []Command
	for _, c := range h.commandTable() {
		if c.desc == "" || (c.admin && !admin) {
			continue
		}
		out = append(out, Command{Name: c.name, Description: c.desc})
	}
	return out
}

// guard applies a command's access rules: private chats only, registered
// members only (unless open), the office only for admin commands.
func (h *Handlers) guard(c command) bot.HandlerFunc {
	return func(ctx context.Context, u *bot.Update) error {
		rq := reqFrom(ctx)
		if !u.Private {
			if c.name == "start" || c.name == "help" {
				return h.reply(ctx, rq, textGroupChat)
			}
			return nil
		}
		if !c.open && !rq.registered {
			return h.notRegistered(ctx, rq)
		}
		if c.admin && !rq.admin() {
			h.audit(ctx, store.AuditEntry{Action: "refused", Member: rq.u.Sender(), Reason: "not an admin", Detail: "/" + c.name})
			return h.reply(ctx, rq, h.textAdminOnly())
		}
		return c.run(ctx, u)
	}
}

func (h *Handlers) notRegistered(ctx context.Context, rq *request) error {
	if rq.storeDown {
		return h.reply(ctx, rq, textStoreDownRegister)
	}
	return h.reply(ctx, rq, h.textRegisterHow())
}

func (h *Handlers) cmdStart(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	_, args, _ := u.Command()
	code := strings.TrimSpace(args)
	if code != "" {
		return h.redeem(ctx, rq, code)
	}
	if !rq.registered {
		return h.notRegistered(ctx, rq)
	}
	return h.reply(ctx, rq, fmt.Sprintf("Xin chào %s! Anh/chị đang dùng chidao với tư cách %s.\n\n%s",
		displayName(rq), h.roleLabel(rq.m), h.helpText(rq)))
}

// redeem registers the sender with an invite code.
func (h *Handlers) redeem(ctx context.Context, rq *request, code string) error {
	return h.redeemAs(ctx, rq, code, false)
}

// redeemAs registers the sender with an invite code; an admin redeeming a
// head's code is asked first (confirmed false), since they would lose the
// office's rights.
func (h *Handlers) redeemAs(ctx context.Context, rq *request, code string, confirmed bool) error {
	if rq.storeDown {
		return h.reply(ctx, rq, textStoreDownRegister)
	}
	u := rq.u
	if wait, ok := h.inviteTurn(ctx, rq); !ok {
		return h.reply(ctx, rq, fmt.Sprintf("Anh/chị đã thử nhiều mã mời liền nhau. Vui lòng thử lại sau %d giây.", int(wait.Seconds())+1))
	}
	if !confirmed && rq.registered && rq.m.IsAdmin() {
		if inv, used, err := h.st.LookupInvite(ctx, code); err == nil && !used && inv.Role != chidao.RoleAdmin {
			return h.reply(ctx, rq, fmt.Sprintf("⚠️ Anh/chị đang là cán bộ %s (quản trị). Mã này đăng ký anh/chị làm lãnh đạo %s: anh/chị sẽ không còn quyền gửi văn bản và xem tình hình. Bấm nút dưới đây nếu đúng là anh/chị muốn đổi.",
				h.opt.Office.Short, h.unitName(inv.Unit)), rows(h.button("🔁 Đổi sang "+clip(h.unitName(inv.Unit), 30), actRedeem, inv.Code))...)
		}
	}
	m := chidao.Member{
		Platform: u.Chat.Platform, UserID: u.UserID, ChatID: u.Chat.ID,
		DisplayName: u.DisplayName,
	}
	got, err := h.st.Redeem(ctx, code, m, h.clock.Now())
	if errors.Is(err, store.ErrInviteUnknown) || errors.Is(err, store.ErrInviteUsed) || errors.Is(err, store.ErrInviteExpired) {
		h.inviteFailed(ctx, rq, err)
	}
	switch {
	case errors.Is(err, store.ErrInviteUnknown):
		return h.reply(ctx, rq, textInviteUnknown)
	case errors.Is(err, store.ErrInviteUsed):
		return h.reply(ctx, rq, textInviteUsed)
	case errors.Is(err, store.ErrInviteExpired):
		return h.reply(ctx, rq, textInviteExpired)
	case err != nil:
		h.log.Warn("redeem invite", "err", err)
		return h.reply(ctx, rq, textStoreDownRegister)
	}
	if rq.registered && rq.m.Unit != got.Unit {
		h.log.Info("member moved unit", "from", rq.m.Unit, "to", got.Unit)
	}
	rq.m, rq.registered = got, true
	h.remember(got)
	h.audit(ctx, store.AuditEntry{Action: "register", Unit: got.Unit, Member: got.Key(), Detail: string(got.Role)})
	h.adminJoined(ctx, got)
	return h.reply(ctx, rq, fmt.Sprintf("✅ Đăng ký thành công! Anh/chị là %s của %s.\n\n%s",
		roleWord(got.Role), h.unitName(got.Unit), h.helpText(rq)))
}

// Invite codes are guessed slowly: a chat may try inviteTries codes in
// inviteWindow; inviteAlarm failures of every chat in inviteAlarmWindow
// warn the office, once a window.
const (
	inviteTries       = 5
	inviteWindow      = time.Minute
	inviteAlarm       = 100
	inviteAlarmWindow = 10 * time.Minute
)

// inviteTurn counts the chat's attempt and reports whether it may try, and
// if not how long it waits. A store that cannot count lets it try: the
// code itself is still checked.
func (h *Handlers) inviteTurn(ctx context.Context, rq *request) (time.Duration, bool) {
	n, left, err := h.st.CountAttempt(ctx, "invite:"+rq.u.Chat.String(), inviteWindow)
	if err != nil {
		h.log.Warn("count invite attempts", "err", err)
		return 0, true
	}
	if n > inviteTries {
		h.audit(ctx, store.AuditEntry{Action: "invite-throttled", Member: string(rq.u.Chat.Platform) + ":" + rq.u.UserID, Detail: fmt.Sprint(n)})
		return left, false
	}
	return 0, true
}

// inviteFailed audits a wrong code and warns the office when codes are
// being guessed across chats.
func (h *Handlers) inviteFailed(ctx context.Context, rq *request, why error) {
	h.audit(ctx, store.AuditEntry{Action: "invite-failed", Member: string(rq.u.Chat.Platform) + ":" + rq.u.UserID, Reason: why.Error()})
	n, _, err := h.st.CountAttempt(ctx, "invite:all", inviteAlarmWindow)
	if err != nil || n != inviteAlarm {
		return
	}
	members, err := h.st.Members(ctx)
	if err != nil {
		return
	}
	text := fmt.Sprintf("⚠️ Đã có %d lần nhập sai mã mời trong %d phút qua: có thể có người đang dò mã. Mã mời vẫn an toàn nếu chưa gửi cho ai; anh/chị có thể xem nhật ký hoặc tạo mã mới.",
		n, int(inviteAlarmWindow.Minutes()))
	h.toAdmins(ctx, members, bot.Message{Text: text}, "warn the office of invite guessing")
}

func (h *Handlers) cmdHelp(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	if !rq.registered {
		return h.notRegistered(ctx, rq)
	}
	return h.reply(ctx, rq, h.helpText(rq))
}

func (h *Handlers) cmdCancel(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	for _, k := range []string{sessAwait, sessDraft, sessDraftFile} {
		if err := h.st.DeleteSession(ctx, u.Chat, k); err != nil {
			return h.reply(ctx, rq, textStoreDownWrite)
		}
	}
	return h.reply(ctx, rq, "Đã hủy. Anh/chị có thể hỏi tiếp hoặc gõ /help.")
}

func (h *Handlers) helpText(rq *request) string {
	var b strings.Builder
	b.WriteString(h.textHelpHead())
	if rq.admin() {
		b.WriteString("\n\n")
		b.WriteString(h.textHelpAdmin())
	}
	return b.String()
}

func (h *Handlers) roleLabel(m chidao.Member) string {
	return roleWord(m.Role) + " của " + h.unitName(m.Unit)
}

func roleWord(r chidao.Role) string {
	if r == chidao.RoleAdmin {
		return "cán bộ Văn phòng (quản trị)"
	}
	return "lãnh đạo đơn vị"
}

func displayName(rq *request) string {
	if rq.m.DisplayName != "" {
		return rq.m.DisplayName
	}
	if rq.u.DisplayName != "" {
		return rq.u.DisplayName
	}
	return "anh/chị"
}

// looksLikeInvite reports whether a message from someone not registered is
// probably an invite code typed on its own (Zalo has no /start): 6 to 12
// letters and digits, dashes allowed, with a digit or typed in capitals.
func looksLikeInvite(s string) bool {
	s = strings.TrimSpace(s)
	if low := strings.ToLower(s); strings.HasPrefix(low, "mã mời ") || strings.HasPrefix(low, "ma moi ") {
		s = strings.TrimSpace(s[strings.IndexByte(s, ' ')+1:])
		s = strings.TrimSpace(s[strings.IndexByte(s, ' ')+1:])
	}
	n, digits, lower := 0, 0, 0
	for _, r := range s {
		switch {
		case r == '-':
		case r < utf8.RuneSelf && unicode.IsDigit(r):
			n++
			digits++
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			n++
			if unicode.IsLower(r) {
				lower++
			}
		default:
			return false
		}
	}
	return n >= 6 && n <= 12 && (digits > 0 || lower == 0)
}

// inviteCode strips the words around a typed invite code.
func inviteCode(s string) string {
	s = strings.TrimSpace(s)
	if low := strings.ToLower(s); strings.HasPrefix(low, "mã mời ") || strings.HasPrefix(low, "ma moi ") {
		s = strings.TrimSpace(s[strings.IndexByte(s, ' ')+1:])
		s = strings.TrimSpace(s[strings.IndexByte(s, ' ')+1:])
	}
	return s
}
