package knowledge

import (
	"slices"
	"testing"

	"chidao"
	"chidao/configs"
)

func presetResolver(t *testing.T, name string) (*Resolver, chidao.UnitList) {
	t.Helper()
	l, err := configs.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return NewResolver(l.Units, l.Groups...), l
}

// codesOf returns the codes of the units of the list that pass keep.
func codesOf(l chidao.UnitList, keep func(chidao.Unit) bool) []string {
	var out []string
	for _, u := range l.Units {
		if keep(u) {
			out = append(out, u.Code)
		}
	}
	return out
}

// TestTwoTierGroups: the ways directives of both tiers address their
// recipients resolve to the units of the list's own level; a group of
// bodies that no longer exist names those bodies, never units of another
// level that happen to share a word.
func TestTwoTierGroups(t *testing.T) {
	tinh, lt := presetResolver(t, "tinh")
	xa, lx := presetResolver(t, "xa")
	communes := codesOf(lt, func(u chidao.Unit) bool {
		return u.Current() && (u.Kind == chidao.KindXa || u.Kind == chidao.KindPhuong || u.Kind == chidao.KindDacKhu)
	})
	xaPhuong := codesOf(lt, func(u chidao.Unit) bool {
		return u.Current() && (u.Kind == chidao.KindXa || u.Kind == chidao.KindPhuong)
	})
	departments := codesOf(lt, func(u chidao.Unit) bool { return u.InGroup("so-ban-nganh") })
	districts := codesOf(lt, func(u chidao.Unit) bool { return u.Kind == chidao.KindHuyen })
	offices := codesOf(lx, func(u chidao.Unit) bool { return u.InGroup("phong-chuyen-mon") })
	if len(communes) != 96 || len(departments) < 13 || len(districts) < 13 {
		t.Fatalf("preset: %d communes, %d departments, %d districts", len(communes), len(departments), len(districts))
	}
	for _, tc := range []struct {
		r    *Resolver
		text string
		want []string
	}{
		{tinh, "UBND các xã, phường, đặc khu", communes},
		{tinh, "Chủ tịch UBND các xã, phường, đặc khu", communes},
		{tinh, "UBND cấp xã", communes},
		{tinh, "Chủ tịch UBND các xã, phường", xaPhuong},
		{tinh, "Các sở, ban, ngành tỉnh", departments},
		{tinh, "Các cơ quan chuyên môn thuộc UBND tỉnh", departments},
		{tinh, "UBND các huyện, thị xã, thành phố", districts},
		{tinh, "Sở Kế hoạch và Đầu tư", []string{"so-ke-hoach-dau-tu"}},
		{tinh, "UBND đặc khu Lý Sơn", []string{"dac-khu-ly-son"}},
		{xa, "Các phòng chuyên môn thuộc UBND xã", offices},
		{xa, "Trung tâm Phục vụ hành chính công xã", []string{"trung-tam-phuc-vu-hcc"}},
		// A district's departments are not the commune's.
		{xa, "Các phòng chuyên môn thuộc UBND huyện", nil},
	} {
		got := tc.r.Resolve(tc.text)
		if !slices.Equal(sorted(got), sorted(tc.want)) {
			t.Errorf("Resolve(%q) = %d units %v, want %d", tc.text, len(got), head(got), len(tc.want))
		}
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func head(s []string) []string { return s[:min(len(s), 5)] }

func TestListLevel(t *testing.T) {
	for name, want := range map[string]chidao.Level{"tinh": chidao.LevelTinh, "xa": chidao.LevelXa, "huyen": chidao.LevelHuyen} {
		l, err := configs.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := listLevel(l.Units); got != want || got != l.Office.Level {
			t.Errorf("listLevel(%s) = %s, want %s (the office's %s)", name, got, want, l.Office.Level)
		}
		slices.Reverse(l.Units) // the order of the list does not matter
		if got := listLevel(l.Units); got != want {
			t.Errorf("listLevel(%s reversed) = %s, want %s", name, got, want)
		}
	}
}
