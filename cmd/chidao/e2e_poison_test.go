package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chidao"
	"chidao/bot/telegram/telegramtest"
)

// poisonLine is the input fuzzing found that took every replica down: a
// line "P", a space, then a lone combining mark. Stored by an older
// version, it made every start panic while rebuilding the index.
const poisonLine = "P \u0342"

// TestPoisonDirectiveAtStartAndUpload: serve starts with the fuzz-found
// poison directive and a damaged record in Redis, names the damaged one in
// /healthz and answers about the rest; the office uploading the poison
// file gets a reply, and serve still answers afterwards.
func TestPoisonDirectiveAtStartAndUpload(t *testing.T) {
	h := newHarness(t, map[string]string{"CHIDAO_ADMINS": "telegram:900"})
	if out, code := h.cli("import", "../../configs/directives/vanquan-cchc-2024.md"); code != 0 {
		t.Fatalf("import: %d %s", code, out)
	}
	ctx := context.Background()
	db := h.db()
	poison := &chidao.Directive{ID: "poison-1", Number: "1/UBND", Subject: poisonLine,
		Tasks: []chidao.Task{{ID: "1", Text: poisonLine, Assignees: []string{poisonLine}}}}
	if err := db.PutDirective(ctx, poison, time.Now()); err != nil {
		t.Fatal(err)
	}
	// A record no version can decode, beside it.
	if err := db.PutDirective(ctx, &chidao.Directive{ID: "damaged-1", Number: "2/UBND"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	opt, err := redis.ParseURL(h.vars["CHIDAO_REDIS_URL"])
	if err != nil {
		t.Fatal(err)
	}
	rc := redis.NewClient(opt)
	defer rc.Close()
	if err := rc.Set(ctx, h.vars["CHIDAO_REDIS_PREFIX"]+"{d:damaged-1}:doc", "{not json", 0).Err(); err != nil {
		t.Fatal(err)
	}

	r := h.start()
	resp, err := http.Get("http://" + r.addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var health struct {
		Status      string   `json:"status"`
		Quarantined []string `json:"quarantined"`
	}
	err = json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || !slices.Equal(health.Quarantined, []string{"damaged-1"}) {
		t.Fatalf("/healthz = %d %+v (%v), want 200 with damaged-1 quarantined", resp.StatusCode, health, err)
	}

	head := h.register(70100, []string{"xa-an-son"})[0]
	h.say(head, "nv5", "07/6/2024")

	path := filepath.Join(t.TempDir(), "poison.txt")
	if err := os.WriteFile(path, []byte(poisonLine+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	admin := telegramtest.User{ID: 900, FirstName: "Văn phòng"}
	h.say(admin, "/start", "")
	data, _ := os.ReadFile(path)
	mark := h.mark(admin.ID)
	h.tg.SendDocument(admin, "poison.txt", data, "")
	h.replyAfter(admin.ID, mark, "upload of the poison file", "")
	h.say(head, "nv5", "07/6/2024")
}
