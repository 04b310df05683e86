package knowledge

import "testing"

func TestStripCourtesy(t *testing.T) {
	tests := []struct{ q, want string }{
		{"xin chao, phong noi vu phai lam gi", "phong noi vu phai lam gi"},
		{"chao bot! nv5 han khi nao", "nv5 han khi nao"},
		{"kinh gui van phong, cho hoi nhiem vu 5 han khi nao?", "cho hoi nhiem vu 5 han khi nao?"},
		{"nhiem vu 5 han khi nao, cam on", "nhiem vu 5 han khi nao"},
		{"nhiem vu 5 han khi nao? xin cam on nhieu a", "nhiem vu 5 han khi nao?"},
		{"da, cho em hoi nv 5 a", "cho em hoi nv 5 a"},
		// What asks is kept: the recipients, a question that is only courtesy.
		{"kinh gui: nhung ai", "kinh gui: nhung ai"},
		{"van ban kinh gui ai?", "van ban kinh gui ai?"},
		{"chao ban,", "chao ban,"},
		{"cam on", "cam on"},
		{"da co han chua, nv5", "da co han chua, nv5"},
		{"da vang, nv5 han khi nao", "nv5 han khi nao"},
		{"dang ky ho kinh doanh, han khi nao", "dang ky ho kinh doanh, han khi nao"},
	}
	for _, tt := range tests {
		i, j := stripCourtesy(tt.q)
		if got := tt.q[i:j]; got != tt.want {
			t.Errorf("stripCourtesy(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}
