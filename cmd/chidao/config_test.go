package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testEnv(vars map[string]string) *env {
	return &env{stdin: strings.NewReader(""), stdout: &syncBuffer{}, stderr: &syncBuffer{},
		getenv: func(k string) string { return vars[k] }}
}

func TestConfigRejects(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		file string
		vars map[string]string
		want string
	}{
		{"unknown key", "telegram:\n  tokn: x\n", nil, "tokn"},
		{"webhook without secret", "", map[string]string{"CHIDAO_TELEGRAM_MODE": "webhook", "CHIDAO_TELEGRAM_WEBHOOK_URL": "https://x.example/telegram/webhook"}, "webhook_secret"},
		{"webhook without url", "telegram:\n  mode: webhook\n  webhook_secret: 0123456789abcdef\n", nil, "webhook_url"},
		{"bad mode", "zalo:\n  mode: push\n", nil, "zalo.mode"},
		{"endpoint format", "", map[string]string{"CHIDAO_TELEGRAM_API_ENDPOINT": "http://127.0.0.1:8081/bot"}, "two %s"},
		{"admins", "", map[string]string{"CHIDAO_ADMINS": "telegram:1, 12345"}, "platform:userID"},
		{"short secret", "", map[string]string{"CHIDAO_SECRET": "abc"}, "secret"},
		{"missing units", "units: nowhere.yaml\n", nil, "nowhere.yaml"},
		{"time zone", "timezone: Mars/Olympus\n", nil, "timezone"},
		{"bad duration", "reminders:\n  unacknowledged_after: soon\n", nil, "duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := ""
			if tc.file != "" {
				path = write(strings.ReplaceAll(tc.name, " ", "-")+".yaml", tc.file)
			}
			_, err := loadConfig(testEnv(tc.vars), path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("loadConfig error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestConfigEnvOverridesFile(t *testing.T) {
	dir := t.TempDir()
	units := "units:\n  - {code: xa-mot, name: UBND xã Một, kind: xa, groups: [xa-thi-tran]}\n"
	if err := os.WriteFile(filepath.Join(dir, "u.yaml"), []byte(units), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(file, []byte("units: u.yaml\nredis:\n  url: redis://file:6379/0\nadmins: [telegram:1]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(testEnv(map[string]string{
		"CHIDAO_CONFIG": file, "CHIDAO_REDIS_URL": "redis://env:6379/1", "CHIDAO_ADMINS": "telegram:7, zalo:abc",
	}), "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Redis.URL != "redis://env:6379/1" || strings.Join(cfg.Admins, ",") != "telegram:7,zalo:abc" {
		t.Errorf("env did not override the file: %q %q", cfg.Redis.URL, cfg.Admins)
	}
	if len(cfg.units) != 1 || cfg.units[0].Code != "xa-mot" {
		t.Errorf("units from the file's folder = %+v", cfg.units)
	}
	if cfg.Delivery.PerSecond != 30 || cfg.Workers != 8 || cfg.Telegram.Mode != "poll" {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

// TestExampleConfigLoads keeps configs/config.example.yaml valid.
func TestExampleConfigLoads(t *testing.T) {
	cfg, err := loadConfig(testEnv(nil), "../../configs/config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reminderConfig(cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.units) < 20 {
		t.Errorf("the example config's units: %d", len(cfg.units))
	}
}

func TestUnitsJSON(t *testing.T) {
	e := testEnv(nil)
	if code := run(t.Context(), e, []string{"units", "--json"}); code != 0 {
		t.Fatalf("units --json: exit %d: %s", code, e.stderr.(*syncBuffer).String())
	}
	var units []map[string]any
	if err := json.Unmarshal([]byte(e.stdout.(*syncBuffer).String()), &units); err != nil {
		t.Fatal(err)
	}
	if len(units) != 30 {
		t.Fatalf("%d units, want the 30 of the sample district", len(units))
	}
	for _, u := range units {
		if len(u) != 4 || u["code"] == "" || u["name"] == "" || u["kind"] == "" || u["groups"] == nil {
			t.Errorf("unit %v: want exactly code, name, kind, groups", u)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{}, {"nonsense"}, {"invite"}, {"invite", "--unit", "xa-an-son", "--role", "boss"},
		{"reminders"}, {"reminders", "plan"}, {"reminders", "plan", "--at", "tomorrow"}, {"broadcast"}, {"import"},
	} {
		e := testEnv(nil)
		if code := run(t.Context(), e, args); code != 2 {
			t.Errorf("chidao %q: exit %d, want 2 (usage)", args, code)
		}
	}
}

// TestRedisAddressForms: every Redis address form the README gives is
// accepted (a Cluster of IP addresses too); others are refused.
func TestRedisAddressForms(t *testing.T) {
	for addr, want := range map[string]bool{
		"redis://127.0.0.1:6379/0":                         true,
		"rediss://:secret@redis.example:6380/2":            true,
		"redis-sentinel://h1:26379,h2:26379/mymaster?db=0": true,
		"127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003":     true,
		"redis-a:6379,redis-b:6379":                        true,
		"[::1]:6379":                                       true,
		"http://127.0.0.1:6379":                            false,
		"localhost":                                        false,
		"":                                                 false,
		"127.0.0.1:7001,":                                  false,
	} {
		if got := validRedisAddr(addr); got != want {
			t.Errorf("validRedisAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}
