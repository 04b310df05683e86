package reminders

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	// Asia/Ho_Chi_Minh must load on machines without a zoneinfo database.
	_ "time/tzdata"

	"github.com/robfig/cron/v3"

	"chidao"
)

// Defaults of Config's zero values.
const (
	// DefaultZone is the zone schedules and working hours are read in.
	DefaultZone = "Asia/Ho_Chi_Minh"
	// DefaultSchedule is when reminder ticks run: 08:00 every day (a tick on
	// a weekend or holiday only records that it skipped).
	DefaultSchedule = "0 8 * * *"
	// DefaultDigestSchedule is when the office's digest goes out: 16:00,
	// Monday to Friday, an hour before the working day ends.
	DefaultDigestSchedule = "0 16 * * 1-5"
	// DefaultWorkStart and DefaultWorkEnd bound the working day.
	DefaultWorkStart = "07:30"
	DefaultWorkEnd   = "17:00"
	// DefaultUnackedAfter is how long after a broadcast a unit that has not
	// acknowledged it is reminded.
	DefaultUnackedAfter = 24 * time.Hour
	// DefaultEscalateAfterDays is how many working days a task may be
	// overdue before the office is told.
	DefaultEscalateAfterDays = 3
	// DefaultLease is how long a claimed reminder is held while it is sent;
	// a process that dies meanwhile leaves it to the next tick after that.
	DefaultLease = 2 * time.Minute
	// DefaultMarkTTL is how long a sent reminder's mark is kept.
	DefaultMarkTTL = 40 * 24 * time.Hour
	// DefaultLockTTL is the leader lock's lifetime; the tick renews it at a
	// third of that.
	DefaultLockTTL = 30 * time.Second
)

// Config is the reminder loop's configuration. Zero values take the
// defaults above.
type Config struct {
	// Location is the zone of schedules, working hours and dates.
	Location *time.Location
	// Schedule holds the cron specs (five fields) of the reminder ticks.
	Schedule []string
	// DigestSchedule is the cron spec of the office's daily digest.
	DigestSchedule string
	// WorkStart and WorkEnd ("07:30", "17:00") bound the hours reminders
	// may go out on a working day.
	WorkStart, WorkEnd string
	// Holidays are the public holidays (and days off given in lieu) on
	// which nothing is sent.
	Holidays []chidao.Date
	// UnackedAfter is how long after a broadcast an unacknowledged unit is
	// reminded (then once each working day).
	UnackedAfter time.Duration
	// EscalateAfterDays is the number of working days a task may stay
	// overdue before the office admins are told (once per occurrence).
	EscalateAfterDays int
	// Lease is how long a claimed reminder is held before it is sent.
	Lease time.Duration
	// MarkTTL is how long the mark of a sent reminder is kept.
	MarkTTL time.Duration
	// LockTTL is the lifetime of the leader lock a tick holds.
	LockTTL time.Duration
}

// withDefaults returns c with its zero values set to the defaults. Values
// that do not parse are left for Validate to report; the calendar helpers
// read them as the defaults.
func (c Config) withDefaults() Config {
	if c.Location == nil {
		loc, err := time.LoadLocation(DefaultZone)
		if err != nil {
			loc = time.FixedZone("ICT", 7*3600)
		}
		c.Location = loc
	}
	if len(c.Schedule) == 0 {
		c.Schedule = []string{DefaultSchedule}
	}
	if c.DigestSchedule == "" {
		c.DigestSchedule = DefaultDigestSchedule
	}
	if c.WorkStart == "" {
		c.WorkStart = DefaultWorkStart
	}
	if c.WorkEnd == "" {
		c.WorkEnd = DefaultWorkEnd
	}
	if c.UnackedAfter == 0 {
		c.UnackedAfter = DefaultUnackedAfter
	}
	if c.EscalateAfterDays == 0 {
		c.EscalateAfterDays = DefaultEscalateAfterDays
	}
	if c.Lease == 0 {
		c.Lease = DefaultLease
	}
	if c.MarkTTL == 0 {
		c.MarkTTL = DefaultMarkTTL
	}
	if c.LockTTL == 0 {
		c.LockTTL = DefaultLockTTL
	}
	return c
}

// Validate reports the first setting that cannot work, in Vietnamese for
// the office that edits the configuration file. Zero values are valid (they
// take the defaults).
func (c Config) Validate() error {
	c = c.withDefaults()
	for _, spec := range c.Schedule {
		if _, err := cron.ParseStandard(spec); err != nil {
			return fmt.Errorf("lịch nhắc việc %q không hợp lệ (dùng dạng cron 5 trường, ví dụ \"0 8 * * *\"): %w", spec, err)
		}
	}
	if _, err := cron.ParseStandard(c.DigestSchedule); err != nil {
		return fmt.Errorf("lịch gửi báo cáo tổng hợp %q không hợp lệ (dùng dạng cron 5 trường, ví dụ \"0 16 * * 1-5\"): %w", c.DigestSchedule, err)
	}
	start, err := clockMinutes(c.WorkStart)
	if err != nil {
		return fmt.Errorf("giờ bắt đầu làm việc %q không hợp lệ (dùng dạng 07:30): %w", c.WorkStart, err)
	}
	end, err := clockMinutes(c.WorkEnd)
	if err != nil {
		return fmt.Errorf("giờ kết thúc làm việc %q không hợp lệ (dùng dạng 17:00): %w", c.WorkEnd, err)
	}
	if start >= end {
		return fmt.Errorf("giờ làm việc %s–%s không hợp lệ: giờ bắt đầu phải sớm hơn giờ kết thúc", c.WorkStart, c.WorkEnd)
	}
	for _, h := range c.Holidays {
		if !h.Valid() {
			return fmt.Errorf("ngày nghỉ lễ %q không phải một ngày có thật", h.String())
		}
	}
	switch {
	case c.UnackedAfter < 0:
		return errors.New("thời gian chờ xác nhận trước khi nhắc không được âm")
	case c.EscalateAfterDays < 0:
		return errors.New("số ngày quá hạn trước khi báo Văn phòng không được âm")
	case c.Lease < 0 || c.MarkTTL < 0 || c.LockTTL < 0:
		return errors.New("thời hạn giữ dấu nhắc và khóa không được âm")
	case c.MarkTTL <= c.Lease:
		return fmt.Errorf("thời hạn giữ dấu đã nhắc (%v) phải dài hơn thời hạn giữ chỗ khi gửi (%v)", c.MarkTTL, c.Lease)
	case c.LockTTL < time.Second:
		return fmt.Errorf("thời hạn khóa điều phối (%v) phải từ 1 giây trở lên", c.LockTTL)
	}
	return nil
}

// clockMinutes parses "HH:MM" as minutes after midnight.
func clockMinutes(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, errors.New("thiếu dấu hai chấm")
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh*60+mm > 24*60 {
		return 0, errors.New("giờ hoặc phút ngoài khoảng cho phép")
	}
	return hh*60 + mm, nil
}

// Reasons a tick or a reminder is skipped, as the audit log records them.
const (
	ReasonWeekend     = "cuối tuần"
	ReasonHoliday     = "ngày lễ"
	ReasonOffHours    = "ngoài giờ làm việc"
	ReasonMuted       = "tắt nhắc"
	ReasonNoRecipient = "chưa có người nhận"
	ReasonResolved    = "đã xử lý trước khi gửi"
)

// calendar answers the working-day questions of one configuration.
type calendar struct {
	loc        *time.Location
	start, end int // minutes after midnight
	holidays   map[chidao.Date]bool
}

func (c Config) calendar() calendar {
	c = c.withDefaults()
	cal := calendar{loc: c.Location, holidays: make(map[chidao.Date]bool, len(c.Holidays))}
	var err error
	if cal.start, err = clockMinutes(c.WorkStart); err != nil {
		cal.start, _ = clockMinutes(DefaultWorkStart)
	}
	if cal.end, err = clockMinutes(c.WorkEnd); err != nil || cal.end <= cal.start {
		cal.start, _ = clockMinutes(DefaultWorkStart)
		cal.end, _ = clockMinutes(DefaultWorkEnd)
	}
	for _, h := range c.Holidays {
		cal.holidays[h] = true
	}
	return cal
}

// offReason tells why nothing goes out at the instant: a weekend, a holiday,
// outside working hours; "" on a working day within working hours.
func (cal calendar) offReason(at time.Time) string {
	local := at.In(cal.loc)
	day := chidao.DateOf(local)
	if r := cal.dayOff(day); r != "" {
		return r
	}
	m := local.Hour()*60 + local.Minute()
	if m < cal.start || m >= cal.end {
		return ReasonOffHours
	}
	return ""
}

// dayOff tells why a day is not a working day, or "" when it is one.
func (cal calendar) dayOff(d chidao.Date) string {
	switch d.Start(time.UTC).Weekday() {
	case time.Saturday, time.Sunday:
		return ReasonWeekend
	}
	if cal.holidays[d] {
		return ReasonHoliday
	}
	return ""
}

// working reports whether d is a working day.
func (cal calendar) working(d chidao.Date) bool { return cal.dayOff(d) == "" }

// nextWorkingDay returns the first working day after d.
func (cal calendar) nextWorkingDay(d chidao.Date) chidao.Date {
	for i := 0; i < 60; i++ {
		d = d.AddDays(1)
		if cal.working(d) {
			return d
		}
	}
	return d
}

// workingDays counts the working days in [from, to], stopping once the
// count exceeds limit (a long-overdue task need not be counted to the end).
func (cal calendar) workingDays(from, to chidao.Date, limit int) int {
	n := 0
	for d := from; !d.After(to) && n <= limit; d = d.AddDays(1) {
		if cal.working(d) {
			n++
		}
	}
	return n
}
