package handlers

import (
	"fmt"
	"strings"

	"chidao"
)

// current returns the codes of the units that exist, of those given; a
// unit the list retired (a district dissolved on 1/7/2025, a merged
// department) receives nothing.
func (h *Handlers) current(codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if u, ok := h.units[c]; !ok || u.Current() {
			out = append(out, c)
		}
	}
	return out
}

// retiredText describes the retired units of those given, with what
// replaced them where the list says so: "UBND huyện Bình Sơn (không còn
// từ 01/7/2025)"; empty when none is retired.
func (h *Handlers) retiredText(codes []string) string {
	var parts []string
	for _, c := range codes {
		u, ok := h.units[c]
		if !ok || u.Current() {
			continue
		}
		p := u.Name + " (không còn từ " + u.Retired.Vietnamese()
		if len(u.ReplacedBy) > 0 {
			names := make([]string, 0, len(u.ReplacedBy))
			for _, r := range u.ReplacedBy {
				names = append(names, h.unitName(r))
			}
			p += "; nay là " + strings.Join(names, ", ")
		}
		parts = append(parts, p+")")
	}
	return strings.Join(parts, "; ")
}

// listLimit is the most unit names a message lists one by one; more are
// counted by kind, so that a province's 150 units fit a phone's screen.
const listLimit = 12

// kindLabels name the kinds of units when they are counted.
var kindLabels = map[chidao.UnitKind]string{
	chidao.KindSo: "sở", chidao.KindBanNganh: "ban, ngành", chidao.KindHuyen: "huyện",
	chidao.KindXa: "xã", chidao.KindPhuong: "phường", chidao.KindDacKhu: "đặc khu",
	chidao.KindThiTran: "thị trấn", chidao.KindPhong: "phòng", chidao.KindTrungTam: "trung tâm",
	chidao.KindThon: "thôn", chidao.KindToDanPho: "tổ dân phố", chidao.KindVanPhong: "văn phòng",
}

// namesOrCounts lists the units by name, or, when there are more than
// listLimit, counts them by kind in the list's order: "15 sở, 80 xã, 9
// phường".
func (h *Handlers) namesOrCounts(codes []string) string {
	if len(codes) <= listLimit {
		names := make([]string, 0, len(codes))
		for _, c := range codes {
			names = append(names, h.unitName(c))
		}
		return strings.Join(names, "; ")
	}
	count := map[chidao.UnitKind]int{}
	other := 0
	for _, c := range codes {
		if u, ok := h.units[c]; ok {
			count[u.Kind]++
		} else {
			other++
		}
	}
	var parts []string
	for _, k := range chidao.UnitKinds {
		if count[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[k], kindLabels[k]))
		}
	}
	if other > 0 {
		parts = append(parts, fmt.Sprintf("%d đơn vị khác", other))
	}
	return strings.Join(parts, ", ") + " (xem /donvi)"
}
