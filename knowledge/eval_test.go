package knowledge

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// evalQuestion is a line of testdata/dev/questions.jsonl (a copy of
// ../shared/eval/dev, scored by tools/eval_qa.py).
type evalQuestion struct {
	Doc            string   `json:"doc"`
	Q              string   `json:"q"`
	Kind           string   `json:"kind"`
	ExpectItems    []string `json:"expect_items"`
	ExpectDeadline *string  `json:"expect_deadline"`
	ExpectUnits    []string `json:"expect_units"`
	ExpectText     string   `json:"expect_text"`
	hasDeadline    bool
}

func loadQuestions(t *testing.T, path string) []evalQuestion {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q evalQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		var raw map[string]json.RawMessage
		json.Unmarshal(sc.Bytes(), &raw)
		_, q.hasDeadline = raw["expect_deadline"]
		out = append(out, q)
	}
	return out
}

// checkAnswer scores an answer the way tools/eval_qa.py does and returns
// why it is wrong, or "".
func checkAnswer(q evalQuestion, a Answer) string {
	j := a.JSON()
	if q.Kind == "not_in_doc" {
		if j.Found {
			return "should say the directive does not cover it"
		}
		return ""
	}
	if !j.Found {
		return "found=false"
	}
	if len(q.ExpectItems) > 0 {
		ok := false
		for _, w := range q.ExpectItems {
			if len(j.Items) > 0 && strings.EqualFold(j.Items[0], w) {
				ok = true
			}
		}
		if !ok {
			return "items " + strings.Join(j.Items, ",") + " want one of " + strings.Join(q.ExpectItems, ",")
		}
	}
	if q.hasDeadline && (q.Kind == "deadline" || q.Kind == "task_number" || q.Kind == "assignee" && q.ExpectDeadline != nil) {
		want := ""
		if q.ExpectDeadline != nil {
			want = *q.ExpectDeadline
		}
		if j.Deadline.String() != want {
			return "deadline " + j.Deadline.String() + " want " + want
		}
	}
	answer := evalFold(j.Answer) + " " + evalFold(strings.Join(j.Units, " "))
	for _, u := range q.ExpectUnits {
		if !strings.Contains(answer, evalFold(u)) {
			return "unit " + u + " not named"
		}
	}
	if q.ExpectText != "" && !strings.Contains(evalFold(j.Answer), evalFold(q.ExpectText)) {
		return "answer lacks " + q.ExpectText
	}
	return ""
}

// evalFold folds as eval_qa.py does: no diacritics, lower case, "-" as a space.
func evalFold(s string) string { return Fold(strings.ReplaceAll(s, "-", " ")) }

// TestDevQuestions keeps the score of ../shared/eval/dev at 25/25.
func TestDevQuestions(t *testing.T) {
	units := testUnits(t)
	qs := loadQuestions(t, "testdata/dev/questions.jsonl")
	indexes := map[string]*Index{}
	passed := 0
	for _, q := range qs {
		ix := indexes[q.Doc]
		if ix == nil {
			ix = NewIndex(units, testGroups()...)
			ix.Add(parseFile(t, "testdata/dev/"+q.Doc))
			indexes[q.Doc] = ix
		}
		if why := checkAnswer(q, ix.Ask(Query{Text: q.Q})); why != "" {
			t.Errorf("[%s] %q: %s", q.Doc, q.Q, why)
		} else {
			passed++
		}
	}
	t.Logf("%d/%d dev questions pass", passed, len(qs))
}
