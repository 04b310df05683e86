package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"chidao"
	"chidao/handlers"
	"chidao/reminders"
)

// reminderConfig turns the config file's reminders section into the
// reminders package's Config.
func reminderConfig(cfg *config) (reminders.Config, error) {
	rc := reminders.Config{
		Location:          cfg.location,
		Schedule:          cfg.Reminders.Schedule,
		DigestSchedule:    cfg.Reminders.Digest,
		WorkStart:         cfg.Reminders.WorkStart,
		WorkEnd:           cfg.Reminders.WorkEnd,
		UnackedAfter:      time.Duration(cfg.Reminders.UnackedAfter),
		EscalateAfterDays: cfg.Reminders.EscalateAfterDays,
	}
	for year, days := range cfg.Reminders.Holidays {
		for _, s := range days {
			d, err := chidao.ParseDate(s)
			if err != nil {
				return rc, fmt.Errorf("reminders.holidays[%s]: %w", year, err)
			}
			rc.Holidays = append(rc.Holidays, d)
		}
	}
	if err := rc.Validate(); err != nil {
		return rc, fmt.Errorf("reminders: %w", err)
	}
	return rc, nil
}

// newReminders builds the reminder service over the app's store, sending
// through the handlers (so its buttons are signed like any other), and gives
// the handlers its reports. It returns nil when reminders are disabled.
func newReminders(a *app, cfg *config, log *slog.Logger) (*reminders.Service, error) {
	rc, err := reminderConfig(cfg)
	if err != nil {
		return nil, err
	}
	svc, err := reminders.New(a.db, notifier{a.handlers}, rc, a.clock, log)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	a.handlers.SetReporter(reporter{svc: svc, loc: cfg.location})
	if cfg.Reminders.Enabled != nil && !*cfg.Reminders.Enabled {
		return nil, nil
	}
	return svc, nil
}

// notifier sends the reminders' notices through the handlers.
type notifier struct{ h *handlers.Handlers }

func (n notifier) Notify(ctx context.Context, no reminders.Notice) error {
	acts := make([]handlers.Action, len(no.Actions))
	for i, a := range no.Actions {
		acts[i] = handlers.Action{Kind: a.Kind, Directive: a.Directive, Task: a.Task, Occurrence: a.Occurrence}
	}
	return n.h.Notify(ctx, no.Chat, no.Text, acts)
}

// reporter gives the handlers the reminders' follow-up summaries.
type reporter struct {
	svc *reminders.Service
	loc *time.Location
}

func (r reporter) Report(ctx context.Context, directive string, at time.Time) (string, error) {
	sum, err := r.svc.Summary(ctx, directive, at)
	if err != nil {
		return "", err
	}
	return sum.Text(r.loc), nil
}

// TaskStatus labels each (task, unit) with its group; for a recurring task,
// the worst of the periods shown (an overdue one first).
func (r reporter) TaskStatus(ctx context.Context, directive string, at time.Time) (map[string]string, error) {
	sum, err := r.svc.Summary(ctx, directive, at)
	if err != nil {
		return nil, err
	}
	rank := map[chidao.Progress]int{
		chidao.ProgressOverdue: 4, chidao.ProgressOpen: 3, chidao.ProgressDoneLate: 2, chidao.ProgressDoneOnTime: 1,
	}
	out := map[string]string{}
	for _, u := range sum.Units {
		for _, t := range u.Tasks {
			k := t.Task + "|" + u.Unit
			if prev, ok := out[k]; !ok || rank[t.Progress] > rank[chidao.Progress(prev)] {
				out[k] = string(t.Progress)
			}
		}
	}
	return out, nil
}

// runReminders is `chidao reminders plan --at RFC3339 [--json]` and
// `chidao reminders run [--at RFC3339]`.
func runReminders(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "plan" && args[0] != "run") {
		return fmt.Errorf("%w: chidao reminders plan --at RFC3339 [--json] | chidao reminders run [--at RFC3339]", errUsage)
	}
	sub := args[0]
	fs := newFlags("reminders "+sub, e)
	atText := fs.String("at", "", "the instant, RFC 3339 (e.g. 2024-06-05T08:00:00+07:00); default now")
	asJSON := fs.Bool("json", false, "in JSON (plan)")
	configPath := fs.String("config", "", "config file")
	if _, err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	at := time.Now()
	if *atText != "" {
		t, err := time.Parse(time.RFC3339, *atText)
		if err != nil {
			return fmt.Errorf("%w: --at %q: want RFC 3339, e.g. 2024-06-05T08:00:00+07:00", errUsage, *atText)
		}
		at = t
	} else if sub == "plan" {
		return fmt.Errorf("%w: reminders plan needs --at RFC3339", errUsage)
	}
	cfg, err := loadConfig(e, *configPath)
	if err != nil {
		return err
	}
	log := newLogger(e, "warn")
	a, _, err := openApp(ctx, cfg, log, sub == "run", false)
	if err != nil {
		return err
	}
	defer a.close()
	out := a.out
	rc, err := reminderConfig(cfg)
	if err != nil {
		return err
	}
	svc, err := reminders.New(a.db, notifier{a.handlers}, rc, fixedClock(at), log)
	if err != nil {
		return fmt.Errorf("reminders: %w", err)
	}
	if sub == "plan" {
		plan, err := svc.Plan(ctx, at)
		if err != nil {
			return err
		}
		if *asJSON {
			if plan == nil {
				plan = []reminders.Due{}
			}
			return writeJSON(e.stdout, plan)
		}
		return printPlan(e, a, plan, at, cfg)
	}
	if len(out) == 0 {
		log.Warn("no platform configured: reminders are claimed but nobody can be reached (set CHIDAO_TELEGRAM_TOKEN)")
	}
	res, err := svc.Tick(ctx, at)
	if err != nil {
		return err
	}
	switch {
	case !res.Leader:
		fmt.Fprintln(e.stdout, "Một tiến trình khác đang chạy nhắc việc; lần này không gửi gì.")
	case res.Off != "":
		fmt.Fprintf(e.stdout, "Không gửi nhắc việc: %s.\n", res.Off)
	default:
		fmt.Fprintf(e.stdout, "Nhắc việc: %d mục đến hạn, đã gửi %d tin nhắn (%d mục), bỏ qua %d, lỗi %d.\n",
			res.Due, res.Messages, res.Sent, res.Skipped, res.Failed)
	}
	return nil
}

// fixedClock is a clock stopped at one instant (reminders run --at).
func fixedClock(t time.Time) chidao.Clock { return chidao.ClockFunc(func() time.Time { return t }) }

// printPlan lists a plan for people.
func printPlan(e *env, a *app, plan []reminders.Due, at time.Time, cfg *config) error {
	fmt.Fprintf(e.stdout, "Nhắc việc lúc %s: %d mục.\n", at.In(cfg.location).Format("15:04 02/01/2006"), len(plan))
	names := map[string]string{}
	for _, u := range cfg.units {
		names[u.Code] = u.Name
	}
	for _, d := range plan {
		due := ""
		if !d.Due.IsZero() {
			due = " hạn " + d.Due.Vietnamese()
		}
		task := ""
		if d.Task != "" {
			task = " NV " + d.Task
		}
		fmt.Fprintf(e.stdout, "  %-14s %s — %s%s%s\n", d.Stage, names[d.Unit], d.Directive, task, due)
	}
	return nil
}
