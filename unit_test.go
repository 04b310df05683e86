package chidao

import "testing"

func TestFirstOfKinds(t *testing.T) {
	units := []Unit{
		{Code: "huyen-a", Kind: KindHuyen, Retired: NewDate(2025, 7, 1)},
		{Code: "phuong-b", Kind: KindPhuong},
		{Code: "xa-c", Kind: KindXa, Retired: NewDate(2025, 7, 1)},
		{Code: "xa-d", Kind: KindXa},
	}
	for _, tc := range []struct {
		kinds []UnitKind
		want  string
	}{
		{[]UnitKind{KindXa, KindPhuong}, "xa-d"}, // the retired commune is passed over
		{[]UnitKind{KindSo, KindPhuong}, "phuong-b"},
		{[]UnitKind{KindHuyen}, ""},
	} {
		u, ok := FirstOfKinds(units, tc.kinds...)
		if u.Code != tc.want || ok != (tc.want != "") {
			t.Errorf("FirstOfKinds(%v) = %q, %v; want %q", tc.kinds, u.Code, ok, tc.want)
		}
	}
}
