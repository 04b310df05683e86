package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"chidao"
	"chidao/configs"
)

// config is chidao's configuration: the file named by --config or
// CHIDAO_CONFIG (configs/config.example.yaml documents every key), then the
// environment variables of the contract on top.
type config struct {
	Redis struct {
		URL    string `yaml:"url"`
		Prefix string `yaml:"prefix"`
		// StateCheck is how often serve checks that Redis still holds its
		// state (it comes back empty after a restart without persistence).
		StateCheck duration `yaml:"state_check"`
	} `yaml:"redis"`
	HTTP struct {
		Addr string `yaml:"addr"`
	} `yaml:"http"`
	// Units is the path of the unit list, or "preset:NAME" for a built-in
	// one (tinh, xa, huyen); empty means the district sample.
	Units    string         `yaml:"units"`
	Admins   []string       `yaml:"admins"`
	Secret   string         `yaml:"secret"`
	Timezone string         `yaml:"timezone"`
	LogLevel string         `yaml:"log_level"`
	Workers  int            `yaml:"workers"`
	Telegram platformConfig `yaml:"telegram"`
	Zalo     platformConfig `yaml:"zalo"`
	OpenAI   struct {
		APIKey  string   `yaml:"api_key"`
		BaseURL string   `yaml:"base_url"`
		Model   string   `yaml:"model"`
		Timeout duration `yaml:"timeout"`
	} `yaml:"openai"`
	Delivery struct {
		PerSecond         float64  `yaml:"per_second"`
		PerChat           duration `yaml:"per_chat"`
		PerGroupPerMinute int      `yaml:"per_group_per_minute"`
		Workers           int      `yaml:"workers"`
		// Lease is how long a claimed delivery waits before another
		// process may send it, when the one that claimed it died.
		Lease duration `yaml:"lease"`
	} `yaml:"delivery"`
	Reminders struct {
		Enabled           *bool               `yaml:"enabled"`
		Schedule          []string            `yaml:"schedule"`
		Digest            string              `yaml:"digest"`
		WorkStart         string              `yaml:"work_start"`
		WorkEnd           string              `yaml:"work_end"`
		Holidays          map[string][]string `yaml:"holidays"`
		UnackedAfter      duration            `yaml:"unacknowledged_after"`
		EscalateAfterDays int                 `yaml:"escalate_after_days"`
	} `yaml:"reminders"`

	path     string
	list     chidao.UnitList // the office, its groups and units
	preset   string          // the built-in list's name, when one is used
	units    []chidao.Unit   // list.Units
	location *time.Location
}

// platformConfig configures Telegram or Zalo.
type platformConfig struct {
	Token       string `yaml:"token"`
	APIEndpoint string `yaml:"api_endpoint"`
	// Mode is "poll" (default) or "webhook".
	Mode          string `yaml:"mode"`
	WebhookURL    string `yaml:"webhook_url"`
	WebhookSecret string `yaml:"webhook_secret"`
}

func (p platformConfig) enabled() bool { return p.Token != "" }

// duration reads "24h", "90s" or a number of seconds.
type duration time.Duration

func (d *duration) UnmarshalYAML(n *yaml.Node) error {
	s := strings.TrimSpace(n.Value)
	if s == "" {
		*d = 0
		return nil
	}
	if secs, err := strconv.Atoi(s); err == nil {
		*d = duration(time.Duration(secs) * time.Second)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration (e.g. 24h, 90s)", n.Line, s)
	}
	*d = duration(v)
	return nil
}

// loadConfig reads the config file (when given) and the environment.
func loadConfig(e *env, path string) (*config, error) {
	c := &config{}
	if path == "" {
		path = e.getenv("CHIDAO_CONFIG")
	}
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read config: %w", err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("read config %s: %w", path, err)
		}
		c.path = path
	}
	c.applyEnv(e.getenv)
	c.defaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *config) applyEnv(get func(string) string) {
	set := func(dst *string, key string) {
		if v := strings.TrimSpace(get(key)); v != "" {
			*dst = v
		}
	}
	set(&c.Redis.URL, "CHIDAO_REDIS_URL")
	set(&c.Redis.Prefix, "CHIDAO_REDIS_PREFIX")
	set(&c.Telegram.Token, "CHIDAO_TELEGRAM_TOKEN")
	set(&c.Telegram.APIEndpoint, "CHIDAO_TELEGRAM_API_ENDPOINT")
	set(&c.Telegram.Mode, "CHIDAO_TELEGRAM_MODE")
	set(&c.Telegram.WebhookURL, "CHIDAO_TELEGRAM_WEBHOOK_URL")
	set(&c.Telegram.WebhookSecret, "CHIDAO_TELEGRAM_WEBHOOK_SECRET")
	set(&c.Zalo.Token, "CHIDAO_ZALO_TOKEN")
	set(&c.Zalo.APIEndpoint, "CHIDAO_ZALO_API_ENDPOINT")
	set(&c.Zalo.Mode, "CHIDAO_ZALO_MODE")
	set(&c.Zalo.WebhookURL, "CHIDAO_ZALO_WEBHOOK_URL")
	set(&c.Zalo.WebhookSecret, "CHIDAO_ZALO_WEBHOOK_SECRET")
	set(&c.OpenAI.APIKey, "CHIDAO_OPENAI_API_KEY")
	set(&c.OpenAI.BaseURL, "CHIDAO_OPENAI_BASE_URL")
	set(&c.OpenAI.Model, "CHIDAO_OPENAI_MODEL")
	set(&c.HTTP.Addr, "CHIDAO_HTTP_ADDR")
	set(&c.Secret, "CHIDAO_SECRET")
	set(&c.Units, "CHIDAO_UNITS")
	set(&c.LogLevel, "CHIDAO_LOG_LEVEL")
	if v := strings.TrimSpace(get("CHIDAO_ADMINS")); v != "" {
		c.Admins = nil
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a != "" {
				c.Admins = append(c.Admins, a)
			}
		}
	}
}

func (c *config) defaults() {
	if c.Redis.URL == "" {
		c.Redis.URL = "redis://127.0.0.1:6379/0"
	}
	if c.Redis.Prefix == "" {
		c.Redis.Prefix = "chidao:"
	}
	if c.HTTP.Addr == "" {
		c.HTTP.Addr = ":8080"
	}
	if c.Timezone == "" {
		c.Timezone = "Asia/Ho_Chi_Minh"
	}
	if c.Workers <= 0 {
		c.Workers = 8
	}
	if c.OpenAI.BaseURL == "" {
		c.OpenAI.BaseURL = "https://api.openai.com/v1"
	}
	if c.OpenAI.Model == "" {
		c.OpenAI.Model = "gpt-4o-mini"
	}
	if c.OpenAI.Timeout <= 0 {
		c.OpenAI.Timeout = duration(15 * time.Second)
	}
	for _, p := range []*platformConfig{&c.Telegram, &c.Zalo} {
		if p.Mode == "" {
			p.Mode = "poll"
		}
	}
	if c.Delivery.PerSecond <= 0 {
		c.Delivery.PerSecond = 30
	}
	if c.Delivery.PerChat <= 0 {
		c.Delivery.PerChat = duration(time.Second)
	}
	if c.Delivery.PerGroupPerMinute <= 0 {
		c.Delivery.PerGroupPerMinute = 20
	}
	if c.Delivery.Workers <= 0 {
		// Each delivery holds a worker for its text, the per-chat gap and
		// its file: enough workers to keep the overall rate busy.
		c.Delivery.Workers = min(max(16, int(2*c.Delivery.PerSecond*time.Duration(c.Delivery.PerChat).Seconds())+8), 2000)
	}
	if c.Delivery.Lease <= 0 {
		c.Delivery.Lease = duration(2 * time.Minute)
	}
	if c.Redis.StateCheck <= 0 {
		c.Redis.StateCheck = duration(15 * time.Second)
	}
}

// validate checks the configuration and loads what it points to (units,
// time zone), with errors that say which key is wrong.
func (c *config) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !validRedisAddr(c.Redis.URL) {
		bad("redis.url (CHIDAO_REDIS_URL) %q: want redis://host:port/db, rediss://…, redis-sentinel://h1:26379,h2:26379/MASTER, or host1:6379,host2:6379 (Cluster)", c.Redis.URL)
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		bad("timezone %q: %v", c.Timezone, err)
	}
	c.location = loc
	for name, p := range map[string]platformConfig{"telegram": c.Telegram, "zalo": c.Zalo} {
		switch p.Mode {
		case "poll":
		case "webhook":
			if p.WebhookURL == "" || !strings.HasPrefix(p.WebhookURL, "https://") && !strings.HasPrefix(p.WebhookURL, "http://") {
				bad("%s.webhook_url: webhook mode needs the public https:// URL of this server's /%s/webhook", name, name)
			}
			if len(p.WebhookSecret) < 16 {
				bad("%s.webhook_secret: webhook mode needs a secret of at least 16 characters", name)
			}
		default:
			bad("%s.mode %q: want poll or webhook", name, p.Mode)
		}
		if p.APIEndpoint != "" && !strings.HasPrefix(p.APIEndpoint, "http") {
			bad("%s.api_endpoint %q: want an http(s) URL", name, p.APIEndpoint)
		}
	}
	if c.Telegram.APIEndpoint != "" && strings.Count(c.Telegram.APIEndpoint, "%s") != 2 {
		bad("telegram.api_endpoint (CHIDAO_TELEGRAM_API_ENDPOINT) %q: want a format with two %%s, like http://127.0.0.1:8081/bot%%s/%%s", c.Telegram.APIEndpoint)
	}
	for _, a := range c.Admins {
		p, id, ok := strings.Cut(a, ":")
		if !ok || id == "" || (p != "telegram" && p != "zalo" && p != "console") {
			bad("admins (CHIDAO_ADMINS) %q: want platform:userID, e.g. telegram:123456789", a)
		}
	}
	if c.Secret != "" && len(c.Secret) < 16 {
		bad("secret (CHIDAO_SECRET): at least 16 characters")
	}
	c.list, c.preset, err = loadUnitList(c.Units, c.path)
	c.units = c.list.Units
	if err != nil {
		bad("units %q: %v", c.Units, err)
	}
	return errors.Join(errs...)
}

// loadUnitList reads the unit list the configuration names: "" is the
// district sample, "preset:NAME" a built-in list, anything else a file
// (relative to the configuration file's folder).
func loadUnitList(spec, configPath string) (l chidao.UnitList, preset string, err error) {
	if spec == "" {
		spec = "preset:huyen"
	}
	if name, ok := strings.CutPrefix(spec, "preset:"); ok {
		l, err = configs.Preset(name)
		return l, name, err
	}
	if !filepath.IsAbs(spec) && configPath != "" {
		spec = filepath.Join(filepath.Dir(configPath), spec)
	}
	f, err := os.Open(spec)
	if err != nil {
		return chidao.UnitList{}, "", err
	}
	defer f.Close()
	l, err = configs.LoadUnitList(f)
	return l, "", err
}

// usePreset replaces the configured unit list by a built-in one.
func (c *config) usePreset(name string) error {
	l, err := configs.Preset(name)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	c.list, c.units, c.preset = l, l.Units, name
	return nil
}

// validRedisAddr reports whether s is one of the Redis address forms the
// README gives: a redis://, rediss:// or redis-sentinel:// URL, or a
// Cluster's comma-separated host:port list (names or IP addresses).
func validRedisAddr(s string) bool {
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		return err == nil && u.Host != "" && (u.Scheme == "redis" || u.Scheme == "rediss" || u.Scheme == "redis-sentinel")
	}
	if s == "" {
		return false
	}
	for _, a := range strings.Split(s, ",") {
		host, port, err := net.SplitHostPort(strings.TrimSpace(a))
		if err != nil || host == "" || port == "" {
			return false
		}
	}
	return true
}
